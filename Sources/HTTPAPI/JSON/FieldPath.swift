/// Renders a coding path as clients see it in `errors[].field`: `users[3].email`.
///
/// Member names that are not plain identifiers are quoted in brackets (`metadata["order.id"]`), so a path never
/// reads ambiguously.
enum FieldPath {
    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if key is IndexKey {
                out += "[\(key.intValue!)]"
            } else if isIdentifier(key.stringValue) {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            } else {
                out += "[\"" + key.stringValue.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
            }
        }
        return out
    }

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { b in
            b == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        }
    }
}
