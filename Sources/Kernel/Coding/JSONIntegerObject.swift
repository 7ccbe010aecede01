/// Reads a flat JSON object of integers (`{"requests_per_minute":5000}`), the form settings columns hold, without a
/// `JSONDecoder`: on the hot path a decoder's set-up costs more than the few bytes it reads.
public enum JSONIntegerObject {
    /// The members of `text`, or nil when it is anything but an object of plain keys (no escapes) and integers;
    /// callers fall back to `JSON.decoder` then, so nothing the decoder accepts is lost.
    public static func parse(_ text: String) -> [String: Int]? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func object() -> [String: Int]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var members = [String: Int]()
            if take(UInt8(ascii: "}")) { return atEnd ? members : nil }
            repeat {
                guard let key = key(), take(UInt8(ascii: ":")), let value = integer(), members.updateValue(value, forKey: key) == nil
                else { return nil }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) && atEnd ? members : nil
        }

        mutating func key() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                guard bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 else { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func integer() -> Int? {
            skipSpace()
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return Int(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        /// Skips whitespace, then consumes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }
    }
}
