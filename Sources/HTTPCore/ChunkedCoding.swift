/// The framing of the chunked transfer coding (RFC 9112 §7.1) that the request and the response parsers share:
/// `chunk-size [ chunk-ext ] CRLF chunk-data CRLF`, repeated, then `0 CRLF`, the trailer section and an empty line.
package enum ChunkedCoding {
    /// A chunk header (size and extensions) may not be longer than this.
    package static let maxHeaderBytes = 4096

    /// What the front of the buffer holds where a chunk header is expected.
    package enum Header: Equatable {
        /// No line end yet; the scan got this far.
        case needMore(scanned: Int)
        /// No line end within ``maxHeaderBytes``.
        case tooLong
        /// The chunk's size (saturated at `Int.max`) and the header's length, line end included.
        case size(Int, length: Int)
        /// The line does not start with a hexadecimal size.
        case noSize
        /// The size is followed by something other than chunk extensions.
        case badExtension
    }

    /// Reads the chunk header at the front of `bytes`; `scanned` bytes are known to hold no line end.
    package static func header(_ bytes: UnsafeRawBufferPointer, scanned: Int) -> Header {
        guard let lf = bytes.firstIndex(of: ASCII.lf, from: scanned) else {
            return bytes.count <= maxHeaderBytes ? .needMore(scanned: bytes.count) : .tooLong
        }
        let end = lf > 0 && bytes[lf - 1] == ASCII.cr ? lf - 1 : lf
        var size = 0
        var index = 0
        while index < end, let digit = ASCII.hexValue(bytes[index]) {
            size = size > Int.max >> 4 ? .max : size << 4 | digit  // saturates; the parsers' limits deal with it
            index += 1
        }
        guard index > 0 else { return .noSize }
        let rest = bytes.trimmingWhitespace(index..<end)
        guard rest.isEmpty || (bytes[rest.lowerBound] == ASCII.semicolon && bytes.allSatisfy(rest, ASCII.isFieldContent)) else {
            return .badExtension
        }
        return .size(size, length: lf + 1)
    }

    /// How many bytes the line end after a chunk's data takes at the front of `bytes`: 0 while it has not fully
    /// arrived, nil when something else is there (the data was longer than its size).
    package static func dataEndLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        switch (bytes.first, bytes.count > 1 ? bytes[1] : nil) {
        case (nil, _), (ASCII.cr, nil): 0
        case (ASCII.lf, _): 1
        case (ASCII.cr, ASCII.lf): 2
        default: nil
        }
    }
}
