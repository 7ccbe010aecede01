import HTTPAPI
import HTTPServer
import Kernel
import RateLimit

/// The hourly user-creation quota, charged for the users a request actually created.
///
/// It runs after the idempotency step, so a replayed answer, a key still in progress or a key reused for another
/// body never reaches it and costs nothing (a replay is answered even when the quota is spent). For the two creating
/// routes it takes a token per user up front (one for `POST /v1/wl/users`, one per row for the bulk route: all or
/// none, so nothing is created partially), then gives back what the answer did not create: everything for a
/// refused request, the failed rows of a bulk answer. (A row that a crash-interrupted first run created is charged
/// again when the retry reports it created: the first run's charge died with the process unless it was persisted.)
public struct UserCreationQuota: Middleware {
    let limits: RateLimit

    public init(limits: RateLimit) { self.limits = limits }

    public func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        let requested = Self.requestedUsers(context)
        guard requested > 0, context.principal?.kind == .operatorKey else { return try await next(context) }
        let (decision, reservation) = await limits.reserveUserCreations(try context.scope, count: requested)
        if let refusal = QuotaLimiter.gatewayDecision(decision).refusal { throw refusal }
        guard let reservation else { return try await next(context) }
        let response: HTTPResponse
        do {
            response = try await next(context)
        } catch {
            await limits.release(reservation, used: 0)
            throw error
        }
        await limits.release(reservation, used: Self.createdUsers(context, response))
        return response
    }

    /// Users the request asks for: one for `POST /v1/wl/users`, one per row for the bulk route (counted from the
    /// body; a body that does not parse asks for none and is refused by the handler).
    static func requestedUsers(_ context: RequestContext) -> Int {
        switch context.endpoint.operation.id {
        case OpenAPIOperation.createUser.id: return 1
        case OpenAPIOperation.createUsersInBulk.id:
            guard case .object(let body)? = try? JSONParser.parse(context.request.body), case .array(let rows)? = body["users"] else { return 0 }
            return rows.count
        default: return 0
        }
    }

    /// Users the answer reports created: a 201 to a single create, the rows answered 201 in a bulk answer.
    static func createdUsers(_ context: RequestContext, _ response: HTTPResponse) -> Int {
        switch context.endpoint.operation.id {
        case OpenAPIOperation.createUser.id:
            return response.status == 201 ? 1 : 0
        default:
            guard response.status == 200, case .object(let page)? = try? JSONParser.parse(response.body), case .array(let rows)? = page["data"]
            else { return 0 }
            return rows.count { $0["status"] == .number("201") }
        }
    }
}
