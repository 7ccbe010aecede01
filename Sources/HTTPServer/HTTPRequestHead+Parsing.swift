extension HTTPRequestHead {
    /// Reads framing and connection semantics from the header fields and refuses what RFC 9112 says to refuse:
    /// a missing or repeated Host (§3.2), ambiguous framing that enables request smuggling (§6.1, §6.3),
    /// transfer codings other than chunked (501), bodies over the limit (413), unknown expectations (417).
    init(_ line: RequestLine, headers: HTTPHeaders, limits: HTTPParser.Limits) throws(HTTPParseError) {
        var contentLength: Int?
        var transferCodings: [Substring]?
        var hosts = 0
        var closeRequested = false, keepAliveRequested = false
        var expectations: [Substring] = []

        for field in headers.fields {
            let name = field.name
            switch name.utf8.count {
            case 4 where name.caseInsensitiveEquals("host"):
                hosts += 1
            case 6 where name.caseInsensitiveEquals("expect"):
                expectations += field.value.listElements
            case 10 where name.caseInsensitiveEquals("connection"):
                for option in field.value.listElements {
                    if option.caseInsensitiveEquals("close") { closeRequested = true }
                    if option.caseInsensitiveEquals("keep-alive") { keepAliveRequested = true }
                }
            case 14 where name.caseInsensitiveEquals("content-length"):
                guard contentLength == nil else {
                    throw .badRequest("More than one Content-Length field: the body length is ambiguous.")
                }
                contentLength = try Self.contentLength(field.value)
            case 17 where name.caseInsensitiveEquals("transfer-encoding"):
                transferCodings = (transferCodings ?? []) + field.value.listElements
            default:
                break
            }
        }

        if line.version == .http11 && hosts == 0 { throw .badRequest("An HTTP/1.1 request needs a Host field.") }
        if hosts > 1 { throw .badRequest("More than one Host field.") }

        if let transferCodings {
            framing = try Self.chunkedFraming(transferCodings, contentLength: contentLength, version: line.version)
        } else {
            let length = contentLength ?? 0
            guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            framing = .length(length)
        }

        // RFC 9110 §10.1.1: an HTTP/1.0 client cannot expect anything.
        let effectiveExpectations = line.version == .http11 ? expectations : []
        guard effectiveExpectations.allSatisfy({ $0.caseInsensitiveEquals("100-continue") }) else {
            throw HTTPParseError(status: 417, detail: "Only the 100-continue expectation is supported.")
        }

        method = line.method
        target = line.target
        isAbsoluteForm = line.isAbsoluteForm
        version = line.version
        self.headers = headers
        keepAlive = !closeRequested && (line.version == .http11 || keepAliveRequested)
        expectsContinue = !effectiveExpectations.isEmpty
    }

    /// `1*DIGIT`, one value only; a list (even of equal values) is refused. Values too large for an Int saturate.
    private static func contentLength(_ value: String) throws(HTTPParseError) -> Int {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .badRequest("Content-Length is not a single non-negative decimal number.")
        }
        var length = 0
        for digit in value.utf8 {
            let (shifted, overflow1) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit - 0x30))
            if overflow1 || overflow2 { return .max }
            length = sum
        }
        return length
    }

    private static func chunkedFraming(
        _ codings: [Substring], contentLength: Int?, version: HTTPVersion
    ) throws(HTTPParseError) -> BodyFraming {
        guard contentLength == nil else {
            throw .badRequest("Content-Length and Transfer-Encoding together make the body length ambiguous.")
        }
        guard version == .http11 else { throw .badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request.") }
        if let unsupported = codings.first(where: { !$0.caseInsensitiveEquals("chunked") }) {
            throw HTTPParseError(status: 501, detail: "Transfer coding \"\(unsupported)\" is not supported; only chunked is.")
        }
        guard codings.count == 1 else { throw .badRequest("Transfer-Encoding must name chunked exactly once.") }
        return .chunked
    }
}

extension String {
    /// The non-empty elements of a comma-separated field value (RFC 9110 §5.6.1), without surrounding whitespace.
    var listElements: [Substring] {
        split(separator: ",").compactMap { element in
            let isContent = { (character: Character) in character != " " && character != "\t" }
            guard let first = element.firstIndex(where: isContent), let last = element.lastIndex(where: isContent) else {
                return nil
            }
            return element[first...last]
        }
    }
}
