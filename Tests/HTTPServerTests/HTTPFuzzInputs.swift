import TestSupport

/// Inputs for the HTTP parser fuzzer: valid requests to mutate, the mutations, and random bytes.
enum HTTPFuzzInputs {
    /// Valid requests covering every framing: no body, Content-Length, chunked with extensions and trailers,
    /// pipelining, `Expect: 100-continue`, HTTP/1.0 and absolute form.
    static let corpus: [[UInt8]] = [
        "GET /v1/wl/me?expand=plan HTTP/1.1\r\nHost: api.example\r\nAuthorization: Bearer sk_live_x\r\n\r\n",
        "POST /v1/wl/users HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"a\"}\n",
        "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nChecksum: x\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "OPTIONS http://a/b?c HTTP/1.1\nHost: a\n\n",
        "\r\nDELETE /v1/wl/users/usr_1 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
    ].map { Array($0.utf8) }

    /// Bytes that matter to the grammar, drawn more often than the rest.
    static let interestingBytes: [UInt8] = Array("\r\n :;,\t\0/?%#\"0123456789abcdefABCDEF-+".utf8) + [0x7F, 0x80, 0xFF]

    /// Values that stress number parsing in Content-Length and chunk sizes.
    static let hugeNumbers = [
        "99999999999999999999999999", "18446744073709551616", "9223372036854775807", "9223372036854775808",
        "-1", "+5", "0x10", "1e3", " 7", "65", "64", "00000000000000000000040", "ffffffffffffffffffff", "7fffffffffffffff",
    ].map { Array($0.utf8) }

    /// Up to 300 bytes, half of them from ``interestingBytes``.
    static func randomBytes(using random: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 0...300, using: &random)).map { _ in randomByte(using: &random) }
    }

    /// A corpus request with one to four mutations applied.
    static func mutatedRequest(using random: inout SeededGenerator) -> [UInt8] {
        var bytes = corpus.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes, using: &random) }
        return bytes
    }

    /// One mutation: a bit flip, an insertion, a deletion, a truncation, a duplicated line, a huge number,
    /// or a splice with another corpus request.
    static func mutate(_ bytes: inout [UInt8], using random: inout SeededGenerator) {
        guard !bytes.isEmpty else { bytes = corpus.randomElement(using: &random)!; return }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in randomByte(using: &random) }, at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case 3: bytes.removeSubrange(at...)
        case 4: duplicateLine(containing: at, in: &bytes)
        case 5: replaceNumber(from: at, in: &bytes, with: hugeNumbers.randomElement(using: &random)!)
        default: bytes.insert(contentsOf: corpus.randomElement(using: &random)!, at: at)
        }
    }

    private static func randomByte(using random: inout SeededGenerator) -> UInt8 {
        Bool.random(using: &random) ? interestingBytes.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
    }

    /// Repeats the line around `index` (a header line, most often), with its line ending.
    private static func duplicateLine(containing index: Int, in bytes: inout [UInt8]) {
        let start = bytes[..<index].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        bytes.insert(contentsOf: bytes[start..<end], at: end)
    }

    /// Replaces the first run of hexadecimal digits at or after `index` (a length or a chunk size, often).
    private static func replaceNumber(from index: Int, in bytes: inout [UInt8], with number: [UInt8]) {
        let isHex = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
        guard let start = bytes[index...].firstIndex(where: isHex) else { return }
        let end = bytes[start...].firstIndex(where: { !isHex($0) }) ?? bytes.count
        bytes.replaceSubrange(start..<end, with: number)
    }
}
