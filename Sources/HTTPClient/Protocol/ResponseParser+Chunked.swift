import HTTPCore

/// The chunked transfer coding (RFC 9112 §7.1): `chunk-size [ chunk-ext ] CRLF chunk-data CRLF`, repeated, then
/// `0 CRLF`, the trailer section and an empty line. Only the kept part of the body is ever read.
extension ResponseParser {
    mutating func parseChunkHeader(scanned: Int) -> Step {
        switch buffer.withReadableBytes({ ChunkedCoding.header($0, scanned: scanned) }) {
        case .needMore(let scanned):
            state = .chunkHeader(scanned: scanned)
            return .needMore
        case .tooLong:
            return .emit(fail("a chunk header exceeds \(ChunkedCoding.maxHeaderBytes) bytes"))
        case .noSize, .badExtension:
            return .emit(fail("a chunk does not start with a hexadecimal size and extensions"))
        case .size(let size, let length):
            buffer.consume(length)
            if size == 0 {
                state = .trailers(HeadScan())
                return .proceed
            }
            if room == 0 { return complete(truncated: true) }
            state = .chunkData(remaining: size)
            return .proceed
        }
    }

    mutating func readChunkData(remaining: Int) -> Step {
        if room == 0 { return complete(truncated: true) }
        let count = min(remaining, room, buffer.readableCount)
        if count == 0 { return .needMore }
        keep(count)
        state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
        return .proceed
    }

    /// The CRLF after a chunk's data.
    mutating func parseChunkDataEnd() -> Step {
        switch buffer.withReadableBytes(ChunkedCoding.dataEndLength) {
        case nil: return .emit(fail("chunk data is longer than its chunk size"))
        case 0: return .needMore
        case let length?:
            buffer.consume(length)
            state = .chunkHeader(scanned: 0)
            return .proceed
        }
    }
}
