import HTTPCore

/// The chunked transfer coding (RFC 9112 §7.1): `chunk-size [ chunk-ext ] CRLF chunk-data CRLF`, repeated,
/// then `0 CRLF`, the trailer section and an empty line.
extension HTTPParser {
    /// A chunk header (size and extensions) may not be longer than this.
    static let maxChunkHeaderBytes = 4096

    private enum ChunkHeaderScan {
        case needMore(scanned: Int)
        case size(Int, length: Int)
        case failure(HTTPParseError)
    }

    mutating func parseChunkHeader(scanned: Int) -> Step {
        let outcome = buffer.withReadableBytes { bytes -> ChunkHeaderScan in
            guard let lf = bytes.firstIndex(of: ASCII.lf, from: scanned) else {
                guard bytes.count <= Self.maxChunkHeaderBytes else {
                    return .failure(.badRequest("A chunk header exceeds \(Self.maxChunkHeaderBytes) bytes."))
                }
                return .needMore(scanned: bytes.count)
            }
            let end = lf > 0 && bytes[lf - 1] == ASCII.cr ? lf - 1 : lf
            do throws(HTTPParseError) {
                return .size(try Self.chunkSize(bytes, 0..<end), length: lf + 1)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .needMore(let scanned):
            state = .chunkHeader(scanned: scanned)
            return .needMore
        case .failure(let error):
            return fail(error)
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
        let length = buffer.withReadableBytes { bytes -> Int? in
            switch (bytes.first, bytes.count > 1 ? bytes[1] : nil) {
            case (nil, _), (ASCII.cr, nil): 0
            case (ASCII.lf, _): 1
            case (ASCII.cr, ASCII.lf): 2
            default: nil
            }
        }
        switch length {
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

    /// The hexadecimal size at the start of a chunk header; extensions after it are checked and ignored.
    private static func chunkSize(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.lowerBound
        while index < line.upperBound, let digit = ASCII.hexValue(bytes[index]) {
            size = size > Int.max >> 4 ? .max : size << 4 | digit  // saturates; the body limit refuses it
            index += 1
        }
        guard index > line.lowerBound else { throw .badRequest("A chunk does not start with a hexadecimal size.") }
        let rest = bytes.trimmingWhitespace(index..<line.upperBound)
        guard rest.isEmpty || (bytes[rest.lowerBound] == ASCII.semicolon && bytes.allSatisfy(rest, ASCII.isFieldContent)) else {
            throw .badRequest("A chunk size is followed by something other than a chunk extension.")
        }
        return size
    }
}
