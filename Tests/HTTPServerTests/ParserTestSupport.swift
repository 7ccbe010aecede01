@testable import HTTPServer

/// What a parser event says, in a comparable form.
enum ParsedEvent: Equatable, CustomStringConvertible {
    case head(method: String, target: String, keepAlive: Bool, expectsContinue: Bool)
    case request(ParsedRequest)
    case failure(status: Int)

    init(_ event: HTTPParser.Event) {
        switch event {
        case .head(let head):
            self = .head(method: head.method.rawValue, target: head.target, keepAlive: head.keepAlive, expectsContinue: head.expectsContinue)
        case .request(let request):
            self = .request(ParsedRequest(request))
        case .failure(let error):
            self = .failure(status: error.status)
        }
    }

    var description: String {
        switch self {
        case .head(let method, let target, _, _): "head(\(method) \(target))"
        case .request(let request): "request(\(request.method) \(request.target) body: \(request.body.count) bytes)"
        case .failure(let status): "failure(\(status))"
        }
    }
}

/// The parts of a request the parser decides.
struct ParsedRequest: Equatable {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: HTTPHeaders
    var body: [UInt8]
    var trailers: HTTPHeaders

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        query = request.query
        version = request.version
        headers = request.headers
        body = request.body
        trailers = request.trailers
    }
}

/// Limits small enough to reach in a test.
let testLimits = HTTPParser.Limits(maxBodyBytes: 64, maxHeaderBytes: 256, maxURIBytes: 64)

/// Feeds `pieces` one after another and collects every event, stopping at the first failure.
func parse(_ pieces: [ArraySlice<UInt8>], limits: HTTPParser.Limits = testLimits) -> [ParsedEvent] {
    var parser = HTTPParser(limits: limits)
    var events: [ParsedEvent] = []
    for piece in pieces {
        parser.buffer.append(piece)
        while let event = parser.next() {
            events.append(ParsedEvent(event))
            if case .failure = event { return events }
        }
    }
    return events
}

func parse(_ text: String, limits: HTTPParser.Limits = testLimits) -> [ParsedEvent] {
    parse([ArraySlice(text.utf8)], limits: limits)
}

/// The status of the first failure `text` produces, or nil.
func rejection(_ text: String, limits: HTTPParser.Limits = testLimits) -> Int? {
    for case .failure(let status) in parse(text, limits: limits) { return status }
    return nil
}

/// The requests `text` produces.
func requests(_ text: String, limits: HTTPParser.Limits = testLimits) -> [ParsedRequest] {
    parse(text, limits: limits).compactMap { if case .request(let request) = $0 { request } else { nil } }
}
