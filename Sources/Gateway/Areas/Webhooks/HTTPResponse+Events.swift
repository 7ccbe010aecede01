import HTTPAPI
import HTTPServer
import Webhooks

extension HTTPResponse {
    /// One event: its envelope, byte for byte as receivers get it.
    static func event(_ event: EventObject) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": jsonContentType], body: Array(event.json.utf8))
    }

    /// A page of events as every list is written (`data`, `has_more`, `object`, keys sorted), each envelope
    /// spliced in verbatim: decoding and encoding the envelopes again cost ten times the query.
    static func events(_ page: EventPage) -> HTTPResponse {
        var body = Array(#"{"data":["#.utf8)
        for (i, event) in page.data.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body += event.json.utf8
        }
        body += Array(#"],"has_more":\#(page.hasMore),"object":"list"}"#.utf8)
        return HTTPResponse(status: 200, headers: ["Content-Type": jsonContentType], body: body)
    }
}
