import HTTPCore

/// The status line, the header section and what they say about framing (RFC 9112 §4, §5, §6.3).
extension ResponseParser {
    private enum SectionScan {
        case needMore(HeadScan)
        /// The section's lines end at `end` (before the empty line); `length` bytes including the empty line.
        case complete(end: Int, length: Int)
        case tooLarge
    }

    /// Searches the buffer front for the empty line that ends a head or trailer section.
    private func scanSection(_ scan: HeadScan) -> SectionScan {
        let limit = maxHeaderBytes
        return buffer.withReadableBytes { bytes -> SectionScan in
            var scan = scan
            while let lf = bytes.firstIndex(of: ASCII.lf, from: scan.scanned) {
                guard lf < limit else { return .tooLarge }
                let lineLength = lf - scan.lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[scan.lineStart] == ASCII.cr) {
                    return .complete(end: scan.lineStart, length: lf + 1)
                }
                scan.lineStart = lf + 1
                scan.scanned = lf + 1
            }
            scan.scanned = bytes.count
            return bytes.count >= limit ? .tooLarge : .needMore(scan)
        }
    }

    mutating func parseHead(_ scan: HeadScan) -> Step {
        switch scanSection(scan) {
        case .needMore(let scan):
            state = .head(scan)
            return .needMore
        case .tooLarge:
            return .emit(fail("the response head exceeds \(maxHeaderBytes) bytes"))
        case .complete(let end, let length):
            if end == 0 {  // a stray empty line before the status line
                buffer.consume(length)
                state = .head(HeadScan())
                return .proceed
            }
            let parsed = buffer.withReadableBytes { Self.parseHead(UnsafeRawBufferPointer(rebasing: $0[..<end])) }
            buffer.consume(length)
            switch parsed {
            case .failure(let error): return .emit(fail(error.reason))
            case .success(let head): return begin(head)
            }
        }
    }

    mutating func parseTrailers(_ scan: HeadScan) -> Step {
        switch scanSection(scan) {
        case .needMore(let scan):
            state = .trailers(scan)
            return .needMore
        case .tooLarge:
            return .emit(fail("the trailer section exceeds \(maxHeaderBytes) bytes"))
        case .complete(_, let length):
            buffer.consume(length)  // trailers carry nothing the client uses
            return complete(truncated: false)
        }
    }

    /// Interim responses are skipped; a final one sets up its body's framing.
    private mutating func begin(_ head: Head) -> Step {
        if (100..<200).contains(head.status) {
            guard head.status != 101 else { return .emit(fail("the server switched protocols unasked")) }
            state = .head(HeadScan())
            return .proceed
        }
        responseHead = head
        if isHeadRequest || head.status == 204 || head.status == 304 {
            return complete(truncated: false)
        }
        let codings = head.values("transfer-encoding").flatMap(Self.listElements)
        let lengths = head.values("content-length")
        if let last = codings.last {
            // Chunked last: chunked framing. Anything else is read until the close. With a Content-Length
            // beside it, the message was meant to smuggle: the connection is not reused (RFC 9112 §6.1).
            if !lengths.isEmpty || last != "chunked" { responseHead?.keepAlive = false }
            state = last == "chunked" ? .chunkHeader(scanned: 0) : .bodyUntilClose
            return .proceed
        }
        if let first = lengths.first {
            guard first.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(first), lengths.allSatisfy({ $0 == first }) else {
                return .emit(fail("the response's Content-Length is not one decimal number"))
            }
            state = .fixedBody(remaining: length)
            return .proceed
        }
        responseHead?.keepAlive = false
        state = .bodyUntilClose
        return .proceed
    }

    /// `HTTP/1.x SP 3DIGIT [SP reason]` and the field lines after it, each ended by LF or CRLF.
    static func parseHead(_ bytes: UnsafeRawBufferPointer) -> Result<Head, HeadError> {
        var lines = [Range<Int>]()
        var start = 0
        while start <= bytes.count {
            let lf = bytes.firstIndex(of: ASCII.lf, from: start) ?? bytes.count
            lines.append(start..<(lf > start && bytes[lf - 1] == ASCII.cr ? lf - 1 : lf))
            start = lf + 1
        }
        guard let statusLine = lines.first, let (minor, status) = Self.statusLine(bytes, statusLine) else {
            return .failure(HeadError("the response does not start with an HTTP/1.x status line"))
        }
        var headers = [HTTPClientResponse.HeaderField]()
        for line in lines.dropFirst() where !line.isEmpty {
            guard !ASCII.isWhitespace(bytes[line.lowerBound]),
                  let colon = bytes.firstIndex(of: ASCII.colon, from: line.lowerBound), colon < line.upperBound,
                  colon > line.lowerBound, bytes.allSatisfy(line.lowerBound..<colon, ASCII.isToken)
            else { return .failure(HeadError("a response header line is not a field name, a colon and a value")) }
            let value = bytes.trimmingWhitespace(colon + 1..<line.upperBound)
            guard bytes.allSatisfy(value, ASCII.isFieldContent) else {
                return .failure(HeadError("a response header value contains a control character"))
            }
            headers.append(.init(name: bytes.string(line.lowerBound..<colon).lowercased(), value: bytes.string(value)))
        }
        var head = Head(status: status, headers: headers, keepAlive: false)
        let connection = head.values("connection").flatMap(listElements)
        head.keepAlive = minor == 1 ? !connection.contains("close") : connection.contains("keep-alive")
        return .success(head)
    }

    /// The minor version and the status code.
    private static func statusLine(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) -> (Int, Int)? {
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, zip(prefix, bytes[line.lowerBound..<line.lowerBound + 7]).allSatisfy({ $0 == $1 }) else { return nil }
        let minor = bytes[line.lowerBound + 7], digits = line.lowerBound + 9..<line.lowerBound + 12
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1"), bytes[line.lowerBound + 8] == ASCII.space,
              bytes.allSatisfy(digits, { (0x30...0x39).contains($0) }),
              line.count == 12 || bytes[line.lowerBound + 12] == ASCII.space
        else { return nil }
        return (Int(minor - 0x30), Int(bytes.string(digits))!)
    }

    /// The lower-cased elements of a comma-separated field value.
    static func listElements(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: " \t").lowercased() }.filter { !$0.isEmpty }
    }

    /// Why a head could not be parsed.
    struct HeadError: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

private extension Substring {
    /// Without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}
