/// What the server calls for every complete request. Runs on Swift concurrency, never on an I/O thread.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}
