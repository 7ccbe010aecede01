/// What every container of one strict decode shares: which members were read (``KeyUsage``) and the field errors
/// found so far.
///
/// A decode goes on past a bad field so that every bad field is reported, not only the first. When a member or an
/// array element fails to decode, the failure is recorded and a stand-in of the type asked for is returned, so the
/// type's `init(from:)` carries on with its next field. A stand-in is never used: a decode that recorded anything
/// ends in ``StrictDecodingError/invalid(_:)``. It is the first case of a `CaseIterable` type, or the type decoded,
/// with recording off, from an empty object, an empty array, `""`, `0`, `false` or `null`; a type none of those
/// make (within a few levels of nesting) stops the decode where it failed, as a plain decode would.
///
/// So a request type must not probe with `try? container.decode(…, forKey:)`: it would get a stand-in, and an error
/// would be recorded. Alternatives are told apart on the parsed value instead (see `TemplateBody` in the Gateway).
///
/// A reference type because every container of one decode shares it; it never leaves that synchronous decode.
final class DecodeSession {
    let keys = KeyUsage()
    /// The failures recorded so far, in the order found.
    private(set) var errors: [FieldError] = []
    /// Above zero while a stand-in is being made: what fails then is not the client's field.
    private var standInDepth = 0
    private static let maximumStandInDepth = 8

    /// `decode()`, or, when it fails with a `DecodingError`, that failure recorded and a stand-in for `T`.
    func recovering<T: Decodable>(_ type: T.Type, at path: [any CodingKey], _ decode: () throws -> T) throws -> T {
        do {
            return try decode()
        } catch let error as DecodingError {
            if standInDepth == 0 { record(error) }
            guard let standIn = standIn(T.self, at: path) else { throw error }
            return standIn
        }
    }

    /// Records `error` unless it is about a field already reported, or about an object holding one: such an error
    /// comes from the type's own checks looking at a stand-in ("give exactly one of …"), not from the client.
    func record(_ error: DecodingError) {
        let found = Self.fieldError(error)
        let isEcho = errors.contains { reported in
            reported.field == found.field || found.field.isEmpty
                || reported.field.hasPrefix(found.field + ".") || reported.field.hasPrefix(found.field + "[")
        }
        if !isEcho { errors.append(found) }
    }

    private func standIn<T: Decodable>(_ type: T.Type, at path: [any CodingKey]) -> T? {
        if let cases = T.self as? any CaseIterable.Type, let first = Self.firstCase(cases) as? T { return first }
        guard standInDepth < Self.maximumStandInDepth else { return nil }
        standInDepth += 1
        defer { standInDepth -= 1 }
        for blank: JSONValue in [.object([:]), .array([]), .string(""), .number("0"), .bool(false), .null] {
            if let value = try? ValueDecoder.decode(T.self, from: blank, at: path, session: self) { return value }
        }
        return nil
    }

    private static func firstCase<E: CaseIterable>(_: E.Type) -> Any? { E.allCases.first }

    /// The field error a client reads for a decoding failure.
    static func fieldError(_ error: DecodingError) -> FieldError {
        switch error {
        case .keyNotFound(let key, let context):
            FieldError(field: FieldPath.render(context.codingPath + [key]), message: "Required field is missing.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            FieldError(field: FieldPath.render(context.codingPath), message: context.debugDescription)
        @unknown default:
            FieldError(field: "", message: "Invalid value.")
        }
    }
}
