import HTTPCore

/// Turns a handler's response into bytes: status line, the handler's fields (those the server owns replaced),
/// `Date` (unless `date` is nil), `Content-Length` and `Connection`. Head and body stay separate arrays so the body
/// is never copied; the connection sends both with one gathered write.
enum ResponseEncoder {
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    static func encode(
        _ response: HTTPResponse, context: ConnectionStateMachine.ResponseContext, date: [UInt8]?
    ) -> (head: [UInt8], body: [UInt8]) {
        let status = min(max(response.status, 100), 999)
        // RFC 9110 §6.4.1: 1xx, 204 and 304 never have content; §8.6: no Content-Length on 1xx and 204.
        let forbidsContent = status < 200 || status == 204 || status == 304
        var head = [UInt8]()
        head.reserveCapacity(128 + response.headers.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        head += "HTTP/1.1 ".utf8
        appendDecimal(status, to: &head)
        head.append(ASCII.space)
        head += HTTPStatus.reason(status).utf8
        head += "\r\n".utf8

        var hasDate = false
        var declaredLength: String?
        for field in response.headers.fields {
            switch field.name.utf8.count {
            case 14 where field.name.caseInsensitiveEquals("content-length"):
                declaredLength = field.value
                continue
            case 17 where field.name.caseInsensitiveEquals("transfer-encoding"), 10 where field.name.caseInsensitiveEquals("connection"):
                continue
            case 4 where field.name.caseInsensitiveEquals("date"):
                hasDate = true
            default:
                break
            }
            appendField(field.name, field.value, to: &head)
        }
        if !hasDate, let date {
            head += "Date: ".utf8
            head += date
            head += "\r\n".utf8
        }
        // A HEAD response announces the length of the body a GET would get: the body the handler returned, or,
        // when it returned none, the Content-Length it declared. A 304 may repeat the length of the 200.
        let declared = declaredLength.flatMap(Int.init).map { max($0, 0) }
        let contentLength: Int? = switch (forbidsContent, status) {
        case (true, 304): declared
        case (true, _): nil
        case (false, _) where context.isHead && response.body.isEmpty: declared ?? 0
        case (false, _): response.body.count
        }
        if let contentLength {
            head += "Content-Length: ".utf8
            appendDecimal(contentLength, to: &head)
            head += "\r\n".utf8
        }
        if !context.keepAlive {
            head += "Connection: close\r\n".utf8
        } else if context.version == .http10 {
            head += "Connection: keep-alive\r\n".utf8
        }
        head += "\r\n".utf8
        return (head, forbidsContent || context.isHead ? [] : response.body)
    }

    /// Writes `name: value CRLF`. A name that is not a token is dropped and control characters in a value become
    /// spaces, so a handler cannot split the response by accident.
    private static func appendField(_ name: String, _ value: String, to head: inout [UInt8]) {
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isToken) else { return }
        head += name.utf8
        head += ": ".utf8
        if value.utf8.allSatisfy(ASCII.isFieldContent) {
            head += value.utf8
        } else {
            head += value.utf8.map { ASCII.isFieldContent($0) ? $0 : ASCII.space }
        }
        head += "\r\n".utf8
    }

    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
