/// The values of the markdown front matter: quoted text, inline lists and parameter values. Pure functions that
/// return nil on malformed input and never trap.
enum FrontMatterScalar {
    /// The text of `value`, without its quotes if it has them; nil when a quote is opened and not closed.
    static func unquote(_ value: Substring) -> String? {
        guard let quote = value.first, quote == "\"" || quote == "'" else { return String(value) }
        var text = ""
        var rest = value.dropFirst()
        while let c = rest.popFirst() {
            if c == quote {
                if quote == "'", rest.first == "'" {
                    text.append(rest.removeFirst())
                    continue
                }
                return rest.isEmpty ? text : nil
            }
            if quote == "\"", c == "\\", let escaped = rest.popFirst() {
                // Only \" and \\ are escapes; any other backslash stays as written.
                if escaped != "\"" && escaped != "\\" { text.append(c) }
                text.append(escaped)
                continue
            }
            text.append(c)
        }
        return nil
    }

    /// The items of `[A, "B", C]`; nil unless the value is bracketed with every quote closed. `[]` is empty.
    static func inlineList(_ value: Substring) -> [String]? {
        guard value.first == "[", value.last == "]", value.count >= 2 else { return nil }
        let inner = value.dropFirst().dropLast()
        if inner.trimmingWhitespace().isEmpty { return [] }
        var items = [String]()
        var quote: Character?
        var escaping = false
        var start = inner.startIndex
        for index in inner.indices {
            let c = inner[index]
            if escaping {
                escaping = false
            } else if let open = quote {
                if c == open { quote = nil } else if open == "\"", c == "\\" { escaping = true }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "," {
                guard let item = unquote(inner[start..<index].trimmingWhitespace()) else { return nil }
                items.append(item)
                start = inner.index(after: index)
            }
        }
        guard quote == nil, let last = unquote(inner[start...].trimmingWhitespace()) else { return nil }
        return items + [last]
    }

    /// A parameter value: quoted text stays text; `true`/`false` is a bool; a JSON number is a number; anything
    /// else is text. Nil when a quote is not closed.
    static func parameter(_ raw: Substring) -> TemplateParameter? {
        if raw.first == "\"" || raw.first == "'" { return unquote(raw).map(TemplateParameter.string) }
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if isJSONNumber(raw), let number = Double(raw), number.isFinite { return .number(number) }
        return .string(String(raw))
    }

    /// Whether `text` is a number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: Substring) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let run = bytes.prefix { (0x30...0x39).contains($0) }.count
            bytes = bytes.dropFirst(run)
            return run
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
