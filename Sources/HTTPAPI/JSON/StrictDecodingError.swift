/// Why a body could not become the requested type, split the way the API reports it.
public enum StrictDecodingError: Error, Sendable, Equatable {
    /// Not a JSON object at all: not UTF-8, not JSON, or JSON of another shape. Reported as 400 `invalid_json`.
    case malformed(String)
    /// A well-formed JSON object whose fields do not fit: unknown, missing, mistyped, null. Reported as 422
    /// `validation_failed`, every field named in `errors`.
    case invalid([FieldError])
}
