import Foundation
import HTTPServer

extension RequestContext {
    /// The request body as `T`, strictly (see ``StrictDecoder``). The status split:
    /// - 415 `unsupported_media_type`: a body whose `Content-Type` is not `application/json` (charset, if given,
    ///   UTF-8), unless the type is missing or `application/x-www-form-urlencoded` and the body is a JSON object;
    /// - 400 `invalid_json`: no body, or a declared JSON one that is not a JSON object (not UTF-8, not JSON, an array…);
    /// - 422 `validation_failed`: a JSON object whose fields do not fit `T`, each named in `errors`.
    ///
    /// The exception is what `curl -d '{…}'` sends when `-H 'Content-Type: application/json'` is forgotten (and what
    /// some HTTP libraries send by default). Reading it as JSON is safe here: the API authenticates with bearer
    /// tokens, never cookies, so a cross-site form post carries no credential.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard !request.body.isEmpty else { throw APIError(.invalidJSON, "This endpoint requires a JSON object body.") }
        let contentType = request.headers["Content-Type"]
        let unsupported = APIError(.unsupportedMediaType, "Send the body as application/json.")
        if !Self.isJSON(contentType) {
            guard Self.mayHoldJSON(contentType), case .object? = try? JSONParser.parse(request.body) else { throw unsupported }
        }
        do {
            return try StrictDecoder.decode(T.self, from: request.body)
        } catch StrictDecodingError.malformed(let reason) {
            throw APIError(.invalidJSON, reason)
        } catch StrictDecodingError.invalid(let errors) {
            let detail = errors.count == 1
                ? "The field \(errors[0].field) is invalid: \(errors[0].message)"
                : "\(errors.count) fields are invalid; see errors."
            throw APIError(.validationFailed, detail, fieldErrors: errors)
        }
    }

    /// No `Content-Type`, or `application/x-www-form-urlencoded` (curl's default for `-d`), whatever its parameters.
    static func mayHoldJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return true }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return mediaType.caseInsensitiveEquals("application/x-www-form-urlencoded")
    }

    /// `application/json`, with an optional UTF-8 charset (RFC 8259 §8.1 allows no other).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let mediaType = parts.first, mediaType.caseInsensitiveEquals("application/json") else { return false }
        return parts.dropFirst().allSatisfy { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].caseInsensitiveEquals("charset") else { return true }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).caseInsensitiveEquals("utf-8")
        }
    }
}
