import Glibc

/// The bytes and byte classes of the HTTP/1.1 grammar (RFC 9110 §5.6, RFC 9112).
package enum ASCII {
    package static let tab: UInt8 = 0x09
    package static let lf: UInt8 = 0x0A
    package static let cr: UInt8 = 0x0D
    package static let space: UInt8 = 0x20
    package static let colon: UInt8 = 0x3A
    package static let semicolon: UInt8 = 0x3B

    /// `tchar`: the characters of a token (method, field name, coding name).
    package static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true  // DIGIT, ALPHA
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E...0x60, 0x7C, 0x7E: true  // ! # $ % & ' * + - . ^ _ ` | ~
        default: false
        }
    }

    /// A byte allowed in a field value: HTAB, SP, VCHAR, obs-text. Everything else is a control character.
    package static func isFieldContent(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= space && byte != 0x7F)
    }

    /// A byte allowed in a request target: visible ASCII (URI characters; no spaces, controls or raw UTF-8).
    package static func isTargetByte(_ byte: UInt8) -> Bool {
        byte > space && byte < 0x7F
    }

    /// The value of a hexadecimal digit (either case), or nil.
    package static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// Optional whitespace (`OWS`): SP or HTAB.
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }
}

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `start`, found with `memchr`.
    package func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress, let hit = memchr(base + start, Int32(byte), count - start) else {
            return nil
        }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    package func allSatisfy(_ range: Range<Int>, _ predicate: (UInt8) -> Bool) -> Bool {
        for index in range where !predicate(self[index]) { return false }
        return true
    }

    /// `range` with optional whitespace removed at both ends.
    package func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && ASCII.isWhitespace(self[lower]) { lower += 1 }
        while upper > lower && ASCII.isWhitespace(self[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The bytes of `range` as a string (invalid UTF-8 is replaced, as obs-text is opaque to HTTP anyway).
    package func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: self[range]), as: UTF8.self)
    }
}
