import HTTPCore

/// An incremental HTTP/1.1 request parser (RFC 9112): a pure value that owns the received bytes and turns them
/// into events, whatever the boundaries they arrived in. It never performs I/O and never looks at a clock.
///
/// For each request it yields `.head` once the line and fields are complete and checked (so the connection can
/// answer `Expect: 100-continue` or start the body timer), then `.request` once the body is complete. Bytes of
/// pipelined requests stay buffered until `next()` is called again. After `.failure` it only repeats the failure.
struct HTTPParser {
    /// The size limits the parser enforces.
    struct Limits: Sendable {
        var maxBodyBytes: Int
        var maxHeaderBytes: Int
        var maxURIBytes: Int
    }

    enum Event {
        case head(HTTPRequestHead)
        case request(HTTPRequest)
        case failure(HTTPParseError)
    }

    /// Where the parser is inside the current request. Offsets count from the first unconsumed byte and remember
    /// how far a line search got, so a head arriving one byte at a time is scanned once, not once per byte.
    enum State {
        case requestLine(scanned: Int)
        case headerFields(RequestLine, FieldSectionScan)
        case fixedBody(remaining: Int)
        case chunkHeader(scanned: Int)
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerFields(FieldSectionScan)
        case failed(HTTPParseError)
    }

    /// What one step of the state machine achieved.
    enum Step {
        case proceed
        case needMore
        case emit(Event)
    }

    /// Received bytes not yet parsed; the connection reads straight into it.
    var buffer = ReceiveBuffer()
    let limits: Limits
    var state = State.requestLine(scanned: 0)
    /// The head of the request whose body is being read, the body so far, and its trailers.
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var trailers = HTTPHeaders()

    /// The longest method and version a request line may add to a target of `maxURIBytes`.
    static let requestLineOverhead = 64
    /// Bodies grow as they arrive; a large Content-Length alone reserves no more than this.
    static let initialBodyReservation = 64 << 10

    init(limits: Limits) {
        self.limits = limits
    }

    /// The next event the buffered bytes complete, or nil when more bytes are needed.
    mutating func next() -> Event? {
        while true {
            let step: Step
            switch state {
            case .requestLine(let scanned): step = parseRequestLine(scanned: scanned)
            case .headerFields(let line, let scan): step = parseHeaderFields(line, scan)
            case .fixedBody(let remaining): step = readFixedBody(remaining: remaining)
            case .chunkHeader(let scanned): step = parseChunkHeader(scanned: scanned)
            case .chunkData(let remaining): step = readChunkData(remaining: remaining)
            case .chunkDataEnd: step = parseChunkDataEnd()
            case .trailerFields(let scan): step = parseTrailerFields(scan)
            case .failed(let error): return .failure(error)
            }
            switch step {
            case .proceed: continue
            case .needMore: return nil
            case .emit(let event): return event
            }
        }
    }

    /// How much to read next: the rest of a body when one is expected (bounded), a page otherwise.
    var preferredReadSize: Int {
        switch state {
        case .fixedBody(let remaining), .chunkData(let remaining): min(max(remaining, 4096), 256 << 10)
        default: 4096
        }
    }

    mutating func fail(_ error: HTTPParseError) -> Step {
        state = .failed(error)
        return .emit(.failure(error))
    }

    private mutating func parseRequestLine(scanned: Int) -> Step {
        let limits = limits
        let maxLine = limits.maxURIBytes + Self.requestLineOverhead
        let outcome = buffer.withReadableBytes { bytes -> RequestLineScan in
            guard let lf = bytes.firstIndex(of: ASCII.lf, from: scanned) else {
                // One byte more than the longest line may be the CR of its CRLF.
                if bytes.count > maxLine + 1 {
                    return .failure(Self.overlongRequestLineError(bytes, limits: limits))
                }
                return .needMore(scanned: bytes.count)
            }
            let end = lf > 0 && bytes[lf - 1] == ASCII.cr ? lf - 1 : lf
            // RFC 9112 §2.2: empty lines before a request line are ignored.
            if end == 0 { return .emptyLine(length: lf + 1) }
            // Judged as if unfinished, so the answer does not depend on whether the LF arrived in the same read.
            if end > maxLine { return .failure(Self.overlongRequestLineError(bytes, limits: limits)) }
            do throws(HTTPParseError) {
                return .line(try RequestLine(UnsafeRawBufferPointer(rebasing: bytes[..<end]), limits: limits), length: lf + 1)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .needMore(let scanned):
            state = .requestLine(scanned: scanned)
            return .needMore
        case .emptyLine(let length):
            buffer.consume(length)
            state = .requestLine(scanned: 0)
            return .proceed
        case .line(let line, let length):
            buffer.consume(length)
            state = .headerFields(line, FieldSectionScan())
            return .proceed
        case .failure(let error):
            return fail(error)
        }
    }

    private mutating func parseHeaderFields(_ line: RequestLine, _ scan: FieldSectionScan) -> Step {
        switch parseFieldSection(scan, section: "header section") {
        case .needMore(let scan):
            state = .headerFields(line, scan)
            return .needMore
        case .failure(let error):
            return fail(error)
        case .complete(let headers):
            do throws(HTTPParseError) {
                let head = try HTTPRequestHead(line, headers: headers, limits: limits)
                self.head = head
                switch head.framing {
                case .length(let length):
                    body.reserveCapacity(min(length, Self.initialBodyReservation))
                    state = .fixedBody(remaining: length)
                case .chunked:
                    state = .chunkHeader(scanned: 0)
                }
                return .emit(.head(head))
            } catch {
                return fail(error)
            }
        }
    }

    private mutating func readFixedBody(remaining: Int) -> Step {
        if remaining == 0 { return .emit(.request(completeRequest())) }
        let count = min(remaining, buffer.readableCount)
        if count == 0 { return .needMore }
        appendBody(count)
        state = .fixedBody(remaining: remaining - count)
        return .proceed
    }

    /// Moves `count` buffered bytes to the body (the only copy a body byte makes after the read).
    mutating func appendBody(_ count: Int) {
        buffer.withReadableBytes { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        buffer.consume(count)
    }

    /// Hands out the finished request and gets ready for the next one.
    mutating func completeRequest() -> HTTPRequest {
        let request = HTTPRequest(head: head!, body: body, trailers: trailers)
        head = nil
        body = []
        trailers = HTTPHeaders()
        state = .requestLine(scanned: 0)
        buffer.shrink(ifLargerThan: Self.initialBodyReservation)
        return request
    }

    private enum RequestLineScan {
        case needMore(scanned: Int)
        case emptyLine(length: Int)
        case line(RequestLine, length: Int)
        case failure(HTTPParseError)
    }

    /// A request line past the limit: 414 when its target is what is too long, 400 otherwise. Only the first
    /// byte past the limit is looked at, so the answer is the same however many bytes have arrived.
    private static func overlongRequestLineError(_ received: UnsafeRawBufferPointer, limits: Limits) -> HTTPParseError {
        let uriTooLong = HTTPParseError(status: 414, detail: "The request target exceeds \(limits.maxURIBytes) bytes.")
        let bytes = UnsafeRawBufferPointer(rebasing: received[..<(limits.maxURIBytes + requestLineOverhead + 1)])
        guard let firstSpace = bytes.firstIndex(of: ASCII.space, from: 0) else {
            return .badRequest("The request line is not a method, a target and a version.")
        }
        let targetEnd = bytes.firstIndex(of: ASCII.space, from: firstSpace + 1) ?? bytes.count
        if targetEnd - firstSpace - 1 > limits.maxURIBytes { return uriTooLong }
        return .badRequest("The request line exceeds \(limits.maxURIBytes + requestLineOverhead) bytes.")
    }
}
