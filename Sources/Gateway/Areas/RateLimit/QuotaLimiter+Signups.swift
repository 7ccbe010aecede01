import HTTPAPI
import Kernel

extension QuotaLimiter {
    /// The operator and mode a sign-up is for, read from its body (`operator` slug, `sandbox`); nil when the body
    /// names no operator that exists, which the handler then refuses.
    func signupScope(_ context: RequestContext) async throws -> TenantScope? {
        guard case .object(let body)? = try? JSONParser.parse(context.request.body), case .string(let slug)? = body["operator"],
              let operatorID = try await operatorID(slug)
        else { return nil }
        let sandbox = if case .bool(true)? = body["sandbox"] { true } else { false }
        return TenantScope(operatorID: operatorID, mode: sandbox ? .test : .live)
    }
}
