import Kernel
import Testing

/// Expects `body` to throw a `DomainError` of `kind` (and `code`, when given); returns it for further checks.
@discardableResult
public func expectDomainError(_ kind: DomainError.Kind, _ code: ErrorCode? = nil, _ body: () async throws -> Void,
                       sourceLocation: SourceLocation = #_sourceLocation) async -> DomainError? {
    do {
        try await body()
        Issue.record("expected \(kind) \(code?.rawValue ?? "")", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        if let code { #expect(error.code == code, sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
