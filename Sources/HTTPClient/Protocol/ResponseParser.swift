import HTTPCore

/// An incremental HTTP/1.x response parser (RFC 9112): a pure value that owns the received bytes and turns them into
/// one response per exchange, whatever the boundaries they arrived in. It never performs I/O.
///
/// Bodies are framed by `Content-Length`, the chunked coding, or the end of the connection. Of the body it keeps at
/// most `maxBodyBytes`; once that much is kept and more is known to follow, the response completes as truncated and
/// ``preferredReadSize`` never asks for more than what is kept (plus one byte to learn whether the body goes on).
struct ResponseParser {
    enum Event: Equatable {
        /// A final response; `reusable` when the connection may carry another exchange.
        case response(HTTPClientResponse, reusable: Bool)
        case failure(String)
    }

    enum State: Equatable {
        case head(HeadScan)
        case fixedBody(remaining: Int)
        case bodyUntilClose
        case chunkHeader(scanned: Int)
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(HeadScan)
        case complete
        case failed(String)
    }

    /// How far the search for the empty line ending a head (or a trailer section) got.
    struct HeadScan: Equatable {
        var scanned = 0
        var lineStart = 0
    }

    /// What one step achieved.
    enum Step {
        case proceed
        case needMore
        case emit(Event)
    }

    /// What the head said about the response.
    struct Head {
        let status: Int
        let headers: [HTTPClientResponse.HeaderField]
        var keepAlive: Bool

        /// Every value of the field `name` (lower-cased), in order.
        func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }
    }

    /// Received bytes not yet parsed; the connection reads straight into it.
    var buffer = ReceiveBuffer()
    let maxHeaderBytes: Int
    var state = State.complete
    var maxBodyBytes = 0
    var isHeadRequest = false
    /// The head of the response being read, and the part of its body kept so far.
    var responseHead: Head?
    var body: [UInt8] = []

    init(maxHeaderBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// Gets ready for the response to the next request.
    mutating func expectResponse(isHeadRequest: Bool, maxBodyBytes: Int) {
        self.isHeadRequest = isHeadRequest
        self.maxBodyBytes = max(0, maxBodyBytes)
        responseHead = nil
        body = []
        state = .head(HeadScan())
    }

    /// The response the buffered bytes complete, a failure, or nil when more bytes are needed.
    mutating func next() -> Event? {
        while true {
            let step: Step
            switch state {
            case .head(let scan): step = parseHead(scan)
            case .fixedBody(let remaining): step = readFixedBody(remaining: remaining)
            case .bodyUntilClose: step = readBodyUntilClose()
            case .chunkHeader(let scanned): step = parseChunkHeader(scanned: scanned)
            case .chunkData(let remaining): step = readChunkData(remaining: remaining)
            case .chunkDataEnd: step = parseChunkDataEnd()
            case .trailers(let scan): step = parseTrailers(scan)
            case .complete: return nil
            case .failed(let reason): return .failure(reason)
            }
            switch step {
            case .proceed: continue
            case .needMore: return nil
            case .emit(let event): return event
            }
        }
    }

    /// The peer closed the connection: that ends a body framed by the close. Nil when it cut the response short.
    mutating func inputEnded() -> Event? {
        switch state {
        case .bodyUntilClose:
            guard case .emit(let event) = complete(truncated: false) else { return nil }
            return event
        case .failed(let reason):
            return .failure(reason)
        default:
            return nil
        }
    }

    /// How much to read next: a page for heads and chunk framing; within a body no more than is left to keep (and
    /// one byte more, to tell a body that ends there from one that goes on).
    var preferredReadSize: Int {
        let room = maxBodyBytes - body.count
        switch state {
        case .fixedBody(let remaining): return max(1, min(remaining, room))
        case .chunkData(let remaining): return max(1, min(remaining, room))
        case .bodyUntilClose: return room + 1
        default: return 4096
        }
    }

    mutating func fail(_ reason: String) -> Event {
        state = .failed(reason)
        return .failure(reason)
    }

    /// Moves `count` buffered bytes into the kept body.
    mutating func keep(_ count: Int) {
        buffer.withReadableBytes { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        buffer.consume(count)
    }

    /// Room left in the kept body.
    var room: Int { maxBodyBytes - body.count }

    /// Hands out the response. It may carry another exchange when both sides keep the connection alive, the body
    /// was framed and read to its end, and the peer sent nothing beyond it.
    mutating func complete(truncated: Bool) -> Step {
        let head = responseHead!
        let response = HTTPClientResponse(status: head.status, headers: head.headers, body: body, bodyTruncated: truncated)
        let framed = state != .bodyUntilClose
        state = .complete
        body = []
        buffer.shrink(ifLargerThan: 64 << 10)
        return .emit(.response(response, reusable: head.keepAlive && framed && !truncated && buffer.isEmpty))
    }

    private mutating func readFixedBody(remaining: Int) -> Step {
        if remaining == 0 { return complete(truncated: false) }
        if room == 0 { return complete(truncated: true) }
        let count = min(remaining, room, buffer.readableCount)
        if count == 0 { return .needMore }
        keep(count)
        state = .fixedBody(remaining: remaining - count)
        return .proceed
    }

    private mutating func readBodyUntilClose() -> Step {
        if buffer.isEmpty { return .needMore }
        if room == 0 { return complete(truncated: true) }
        keep(min(room, buffer.readableCount))
        return .proceed
    }
}
