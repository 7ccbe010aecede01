import Kernel

/// One rejected field of a request: the Kernel's type, so domain and decoding errors share it.
public typealias FieldError = DomainError.FieldError

extension DomainError.Kind {
    /// The status each kind of domain failure is reported with; an unmapped kind does not compile.
    var httpStatus: Int {
        switch self {
        case .badRequest: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .invalid: 422
        case .quotaExceeded: 429
        case .unavailable: 503
        }
    }
}

extension DomainError {
    /// The problem `title`: the same for every occurrence of a code (`email_taken` → "Email taken").
    var title: String {
        let words = code.rawValue.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
