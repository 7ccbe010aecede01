/// Text as PostgreSQL stores it. PostgreSQL's `text` cannot hold the NUL character, which SQLite stores and the API
/// accepts (the stored value and the response must never differ), so the engine escapes it reversibly on the way
/// in and out: NUL becomes U+10FFFF followed by `0`, and U+10FFFF itself is doubled. Equal texts stay equal and
/// different ones different, so comparisons with bound values still hold; only SQL functions that look inside the
/// text (`length`, `LIKE`) see the escaped form of the rare text holding either character.
enum PostgresText {
    /// U+10FFFF in UTF-8: a noncharacter, never in ordinary text.
    static let marker: [UInt8] = [0xF4, 0x8F, 0xBF, 0xBF]

    /// The UTF-8 bytes to send for `text`.
    static func escape(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == 0 || $0 == 0xF4 }) else { return bytes }
        var escaped = [UInt8]()
        escaped.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0 {
                escaped += marker + [UInt8(ascii: "0")]
                i += 1
            } else if bytes[i...].starts(with: marker) {
                escaped += marker + marker
                i += marker.count
            } else {
                escaped.append(bytes[i])
                i += 1
            }
        }
        return escaped
    }

    /// The text stored as `bytes` (UTF-8, escaped as above).
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0xF4) else { return String(decoding: bytes, as: UTF8.self) }
        var plain = [UInt8]()
        plain.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i...].starts(with: marker), i + marker.count < bytes.count {
                let next = i + marker.count
                if bytes[next] == UInt8(ascii: "0") {
                    plain.append(0)
                    i = next + 1
                    continue
                }
                if bytes[next...].starts(with: marker) {
                    plain += marker
                    i = next + marker.count
                    continue
                }
            }
            plain.append(bytes[i])
            i += 1
        }
        return String(decoding: plain, as: UTF8.self)
    }
}
