import HTTPServer

extension HTTPRequest {
    /// A request as the server would hand it over; a string body is sent as JSON unless `contentType` says otherwise.
    public static func make(
        _ method: HTTPMethod = .get, _ target: String, headers: HTTPHeaders = [:], body: String? = nil,
        contentType: String? = "application/json"
    ) -> HTTPRequest {
        var headers = headers
        if body != nil, let contentType, !headers.contains("Content-Type") { headers["Content-Type"] = contentType }
        return HTTPRequest(method: method, target: target, headers: headers, body: body.map { Array($0.utf8) } ?? [])
    }
}
