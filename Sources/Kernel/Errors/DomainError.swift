/// An error a domain module reports to its caller: a category that decides the HTTP status, a stable machine
/// code that names the problem type, a human message, and optionally the fields at fault.
///
/// Domains throw only this; the Gateway maps it to an RFC 9457 problem document in one place.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; the Gateway maps each kind to one HTTP status.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The input is well-formed but breaks a rule (422).
        case invalid
        /// The resource does not exist *for this tenant and mode* (404; never 403, so ids leak nothing).
        case notFound
        /// The request clashes with current state: duplicates, wrong lifecycle step (409).
        case conflict
        /// Credentials missing, unknown or expired (401).
        case unauthenticated
        /// Authenticated but not allowed (403).
        case forbidden
        /// A quota or rate limit refused the request (429).
        case quotaExceeded
        /// The request is malformed beyond field validation (400).
        case badRequest
        /// A dependency is temporarily unavailable (503).
        case unavailable
    }

    /// One invalid field, named by its path in the request (`users[3].email`).
    public struct FieldError: Hashable, Sendable {
        public let field: String
        public let message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public let kind: Kind
    /// The stable machine code, e.g. ``ErrorCode/emailTaken``; its snake_case spelling becomes the problem `type`.
    public let code: ErrorCode
    public let message: String
    public var fields: [FieldError]
    /// Extra members for the problem document, e.g. `["existing_id": .string("usr_…")]`, `["limit": .integer(10)]`.
    public var extensions: [String: AnyJSON]

    public init(_ kind: Kind, code: ErrorCode, _ message: String, fields: [FieldError] = [], extensions: [String: AnyJSON] = [:]) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fields = fields
        self.extensions = extensions
    }

    /// A single invalid field (422 `validation_failed`).
    public static func invalidField(_ field: String, _ message: String) -> DomainError {
        DomainError(.invalid, code: .validationFailed, "\(field): \(message)", fields: [FieldError(field: field, message: message)])
    }

    /// The resource of `kind` with `id` does not exist for the caller (404 `resource_missing`).
    public static func notFound(_ kind: IdentifierPrefix, _ id: String) -> DomainError { notFound(kind.noun, id) }

    /// The resource `what` with `id` does not exist for the caller (404 `resource_missing`).
    public static func notFound(_ what: String, _ id: String) -> DomainError {
        DomainError(.notFound, code: .resourceMissing, "No \(what) with id '\(id)'.")
    }

    /// A `starting_after` cursor naming no `what` in the caller's scope (404, naming the parameter).
    public static func unknownCursor(_ what: String, _ id: String) -> DomainError {
        DomainError(.notFound, code: .notFound, "No \(what) '\(id)' to start after.", fields: [FieldError(field: "starting_after", message: "no such \(what)")])
    }

    public var description: String { "\(kind)/\(code): \(message)" }
}
