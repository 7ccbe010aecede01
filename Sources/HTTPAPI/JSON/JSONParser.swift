/// A strict RFC 8259 parser from bytes to ``JSONValue``.
///
/// Stricter than `JSONSerialization` on purpose, because request bodies are untrusted: invalid UTF-8, duplicate
/// object keys (which different parsers resolve differently), lone surrogate escapes, unescaped control characters,
/// trailing data and nesting deeper than ``maximumDepth`` are all refused.
public struct JSONParser {
    /// Deep enough for any body this API accepts; shallow enough that recursion cannot exhaust the stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        guard isValidUTF8(bytes) else { throw JSONSyntaxError(reason: "The body is not valid UTF-8", line: nil, column: nil) }
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("Unexpected data after the JSON value") }
        return value
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8.ForwardParser()
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else { throw unexpected() }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw unexpected()
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var members = [String: JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
        while true {
            guard current == UInt8(ascii: "\"") else { throw unexpected(expecting: "a member name in double quotes") }
            let keyStart = index
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected(expecting: "':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            guard members.updateValue(value, forKey: key) == nil else {
                throw failure("Duplicate member \"\(key)\"", at: keyStart)
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "}"): index += 1; depth -= 1; return .object(members)
            default: throw unexpected(expecting: "',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var elements = [JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "]"): index += 1; depth -= 1; return .array(elements)
            default: throw unexpected(expecting: "',' or ']'")
            }
        }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("Nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var decoded = [UInt8]()
        var runStart = index
        while let b = current {
            switch b {
            case UInt8(ascii: "\""):
                decoded += bytes[runStart..<index]
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded += bytes[runStart..<index]
                decoded += Array(String(try parseEscape()).utf8)
                runStart = index
            case 0..<0x20:
                throw failure("Control character in a string; escape it")
            default:
                index += 1
            }
        }
        throw failure("Unterminated string")
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let b = current else { throw failure("Unterminated string") }
        index += 1
        switch b {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(unit), current == UInt8(ascii: "\\"), index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try parseHex4(escapeStart: start)
                if (0xDC00...0xDFFF).contains(low) {
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                }
            }
            guard let scalar = Unicode.Scalar(unit) else { throw failure("Unpaired surrogate in \\u escape", at: start) }
            return scalar
        default:
            throw failure("Invalid escape sequence", at: start)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let b = current, let digit = Self.hexValue(b) else {
                throw failure("Invalid \\u escape; expected four hex digits", at: escapeStart)
            }
            unit = unit << 4 | digit
            index += 1
        }
        return unit
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw failure("Invalid number", at: start) }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let d = current, isDigit(d) else { throw failure("Invalid number", at: start) }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let d = current, isDigit(d) else { throw failure("Invalid number", at: start) }
            skipDigits()
        }
        if let b = current, isDigit(b) { throw failure("Invalid number: leading zero", at: start) }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private mutating func skipDigits() { while let b = current, isDigit(b) { index += 1 } }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        for expected in literal.utf8 {
            guard current == expected else { throw unexpected() }
            index += 1
        }
    }

    private func unexpected(expecting expected: String? = nil) -> JSONSyntaxError {
        let suffix = expected.map { "; expected \($0)" } ?? ""
        guard index < bytes.count else { return failure("Unexpected end of input" + suffix) }
        let scalar = String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first!
        let shown = scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+" + String(scalar.value, radix: 16, uppercase: true)
            : "'\(Character(scalar))'"
        return failure("Unexpected character \(shown)" + suffix)
    }

    /// An error at byte offset `offset` (the current position by default), located as line and character column.
    private func failure(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        let end = min(offset ?? index, bytes.count)
        var line = 1, column = 1
        for b in bytes[..<end] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(reason: reason, line: line, column: column)
    }
}
