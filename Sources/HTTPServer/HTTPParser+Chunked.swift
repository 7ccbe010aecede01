import HTTPCore

/// The chunked transfer coding (RFC 9112 §7.1): `chunk-size [ chunk-ext ] CRLF chunk-data CRLF`, repeated,
/// then `0 CRLF`, the trailer section and an empty line.
extension HTTPParser {
    /// A chunk header (size and extensions) may not be longer than this.
    static let maxChunkHeaderBytes = ChunkedCoding.maxHeaderBytes

    mutating func parseChunkHeader(scanned: Int) -> Step {
        switch buffer.withReadableBytes({ ChunkedCoding.header($0, scanned: scanned) }) {
        case .needMore(let scanned):
            state = .chunkHeader(scanned: scanned)
            return .needMore
        case .tooLong:
            return fail(.badRequest("A chunk header exceeds \(Self.maxChunkHeaderBytes) bytes."))
        case .noSize:
            return fail(.badRequest("A chunk does not start with a hexadecimal size."))
        case .badExtension:
            return fail(.badRequest("A chunk size is followed by something other than a chunk extension."))
        case .size(let size, let length):
            buffer.consume(length)
            if size == 0 {
                state = .trailerFields(FieldSectionScan())
                return .proceed
            }
            guard size <= limits.maxBodyBytes - body.count else { return fail(.bodyTooLarge(limit: limits.maxBodyBytes)) }
            state = .chunkData(remaining: size)
            return .proceed
        }
    }

    mutating func readChunkData(remaining: Int) -> Step {
        let count = min(remaining, buffer.readableCount)
        if count == 0 { return .needMore }
        appendBody(count)
        state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
        return .proceed
    }

    /// The CRLF after a chunk's data.
    mutating func parseChunkDataEnd() -> Step {
        switch buffer.withReadableBytes(ChunkedCoding.dataEndLength) {
        case nil: return fail(.badRequest("Chunk data is longer than its chunk size."))
        case 0: return .needMore
        case let length?:
            buffer.consume(length)
            state = .chunkHeader(scanned: 0)
            return .proceed
        }
    }

    mutating func parseTrailerFields(_ scan: FieldSectionScan) -> Step {
        switch parseFieldSection(scan, section: "trailer section") {
        case .needMore(let scan):
            state = .trailerFields(scan)
            return .needMore
        case .failure(let error):
            return fail(error)
        case .complete(let fields):
            trailers = fields
            return .emit(.request(completeRequest()))
        }
    }
}
