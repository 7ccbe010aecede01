import HTTPCore

extension HTTPResponse {
    /// An RFC 9457 problem details response: `application/problem+json` with `type`, `title`, `status` and
    /// `detail`, plus `extensions` as further string members (e.g. a request id).
    /// `title` defaults to the status's reason phrase, as RFC 9457 §4.2.1 asks for `about:blank`.
    public static func problem(
        status: Int, detail: String, type: String = "about:blank", title: String? = nil,
        extensions: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        var json = [UInt8]()
        json.reserveCapacity(96 + detail.utf8.count)
        json += "{\"type\":".utf8
        appendJSONString(type, to: &json)
        json += ",\"title\":".utf8
        appendJSONString(title ?? (HTTPStatus.reason(status).isEmpty ? "Error" : HTTPStatus.reason(status)), to: &json)
        json += ",\"status\":".utf8
        ResponseEncoder.appendDecimal(status, to: &json)
        json += ",\"detail\":".utf8
        appendJSONString(detail, to: &json)
        for member in extensions {
            json.append(UInt8(ascii: ","))
            appendJSONString(member.name, to: &json)
            json.append(ASCII.colon)
            appendJSONString(member.value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return HTTPResponse(status: status, headers: ["Content-Type": "application/problem+json"], body: json)
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    private static func appendJSONString(_ text: String, to json: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                json += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                json += "\\u00".utf8
                json += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default:
                json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }
}
