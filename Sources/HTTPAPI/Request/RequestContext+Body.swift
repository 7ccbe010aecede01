import Foundation
import HTTPServer

extension RequestContext {
    /// The request body as `T`, strictly (see ``StrictDecoder``). The status split:
    /// - 415 `unsupported_media_type`: a body whose `Content-Type` is not `application/json` (charset, if given, UTF-8);
    /// - 400 `invalid_json`: no body, or one that is not a JSON object (not UTF-8, not JSON, an array…);
    /// - 422 `validation_failed`: a JSON object whose fields do not fit `T`, each named in `errors`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard !request.body.isEmpty else { throw APIError(.invalidJSON, "This endpoint requires a JSON object body.") }
        guard Self.isJSON(request.headers["Content-Type"]) else {
            throw APIError(.unsupportedMediaType, "Send the body as application/json.")
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
