import Foundation

/// JSON text written by hand where an encoder costs too much for what it writes (log lines, the headers of every
/// webhook attempt): `JSONEncoder` and `JSONSerialization` take tens to hundreds of microseconds on Linux.
public enum JSONText {
    /// `text` as a JSON string, quotes included.
    public static func string(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// `{"name":"value",…}` with the members in the order given.
    public static func object(_ members: [(name: String, value: String)]) -> String {
        "{" + members.map { string($0.name) + ":" + string($0.value) }.joined(separator: ",") + "}"
    }

    /// JSON string escaping (RFC 8259 §7), without the quotes.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
