import HTTPCore

/// How far the search for the empty line that ends a field section got.
struct FieldSectionScan: Sendable {
    var scanned = 0
    var lineStart = 0
}

extension HTTPParser {
    enum FieldSectionOutcome {
        case needMore(FieldSectionScan)
        case complete(HTTPHeaders)
        case failure(HTTPParseError)
    }

    /// Searches the buffer front for the end of a header or trailer section (`section` names it in errors);
    /// once found, parses and consumes it. The section may not exceed `maxHeaderBytes` (431).
    mutating func parseFieldSection(_ scan: FieldSectionScan, section: String) -> FieldSectionOutcome {
        let limit = limits.maxHeaderBytes
        let tooLarge = HTTPParseError.sectionTooLarge(section, limit: limit)
        let (outcome, consumed) = buffer.withReadableBytes { bytes -> (FieldSectionOutcome, Int) in
            var scan = scan
            while let lf = bytes.firstIndex(of: ASCII.lf, from: scan.scanned) {
                guard lf < limit else { return (.failure(tooLarge), 0) }
                let lineLength = lf - scan.lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[scan.lineStart] == ASCII.cr) {
                    do throws(HTTPParseError) {
                        return (.complete(try Self.fieldLines(bytes, end: scan.lineStart)), lf + 1)
                    } catch {
                        return (.failure(error), 0)
                    }
                }
                scan.lineStart = lf + 1
                scan.scanned = lf + 1
            }
            scan.scanned = bytes.count
            return (bytes.count >= limit ? .failure(tooLarge) : .needMore(scan), 0)
        }
        buffer.consume(consumed)
        return outcome
    }

    /// The field lines in `bytes[0..<end]`, each ended by LF or CRLF.
    private static func fieldLines(_ bytes: UnsafeRawBufferPointer, end: Int) throws(HTTPParseError) -> HTTPHeaders {
        // Room for a typical request's fields at once (growing from one field reallocates at 1, 2 and 4).
        var fields = HTTPHeaders(minimumCapacity: 8)
        var start = 0
        while start < end, let lf = bytes.firstIndex(of: ASCII.lf, from: start) {
            let lineEnd = lf > start && bytes[lf - 1] == ASCII.cr ? lf - 1 : lf
            try fieldLine(bytes, start..<lineEnd, into: &fields)
            start = lf + 1
        }
        return fields
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5).
    private static func fieldLine(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>, into fields: inout HTTPHeaders) throws(HTTPParseError) {
        guard !ASCII.isWhitespace(bytes[line.lowerBound]) else {
            throw .badRequest("A field line starts with whitespace (obsolete line folding is not accepted).")
        }
        guard let colon = bytes.firstIndex(of: ASCII.colon, from: line.lowerBound), colon < line.upperBound else {
            throw .badRequest("A field line has no colon.")
        }
        let name = line.lowerBound..<colon
        guard !name.isEmpty, bytes.allSatisfy(name, ASCII.isToken) else {
            throw .badRequest("A field name is empty or has a character a token may not have (whitespace before the colon included).")
        }
        let value = bytes.trimmingWhitespace(colon + 1..<line.upperBound)
        guard bytes.allSatisfy(value, ASCII.isFieldContent) else {
            throw .badRequest("The value of field \(bytes.string(name)) contains a control character.")
        }
        fields.add(bytes.string(name), bytes.string(value))
    }
}
