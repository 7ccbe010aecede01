import HTTPAPI
import HTTPServer
import Kernel

extension Gateway {
    /// The server's error responder: the response for a request the server refused before it reached the Gateway
    /// (malformed request line, header too large, body too large, timeout…), in the same problem shape as every
    /// other error, with a fresh request id that the log line shares.
    public func protocolErrorResponse(status: Int, detail: String) -> HTTPResponse {
        let code = APIError.Code(httpStatus: status)
        let requestID = Identifier.make(.request)
        var response = Problem(code: code.rawValue, title: code.title, status: status, detail: detail, requestID: requestID).response
        response.headers.applyStandard(requestID: requestID, apiVersion: APIVersion.current)
        logger.with(["request_id": requestID]).info("protocol error", ["status": String(status)])
        return response
    }
}
