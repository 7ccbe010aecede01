import Kernel
import Synchronization

/// What changed outside the dispatcher since it last looked, noted from any thread (the bus's writer thread, the
/// API's actor) without waiting for the dispatcher: endpoints with new due work, endpoints switched off, switched back
/// on or given a new URL or secret, recoveries started. The dispatcher takes them all at its next step.
final class DispatchNotices: Sendable {
    struct Taken {
        var touched: [String: TenantScope] = [:]
        var closed: Set<String> = []
        var reset: [String: TenantScope] = [:]
        var refreshed: [String: TenantScope] = [:]
        var recoveries: [Recoveries.Running] = []
    }

    private let pending = Mutex(Taken())
    /// Touches noted inside a transaction that has not committed yet: a read before the commit would not see the
    /// delivery that caused them.
    private let staged = Mutex([String: TenantScope]())

    /// `endpoint` may have deliveries due now.
    func touch(_ endpoint: String, tenant: TenantScope) {
        pending.withLock { $0.touched[endpoint] = tenant }
    }

    /// `endpoint` will have deliveries due once the transaction running now commits (see ``commitStaged()``).
    func stage(_ endpoint: String, tenant: TenantScope) {
        staged.withLock { $0[endpoint] = tenant }
    }

    /// The transaction that staged touches committed: they count from now. (After a rollback, the next commit
    /// releases them: a needless look, never a missed one.)
    func commitStaged() {
        let touched = staged.withLock { staged in
            defer { staged = [:] }
            return staged
        }
        pending.withLock { $0.touched.merge(touched) { $1 } }
    }

    /// `endpoint` was disabled or deleted; its open deliveries are closed.
    func close(_ endpoint: String) {
        _ = pending.withLock { $0.closed.insert(endpoint) }
    }

    /// `endpoint` was enabled again or got a new URL: a closed circuit, no pause, nothing read with the old URL.
    func reset(_ endpoint: String, tenant: TenantScope) {
        pending.withLock { $0.reset[endpoint] = tenant }
    }

    /// `endpoint`'s signing secret changed: nothing read with the old one is sent.
    func refresh(_ endpoint: String, tenant: TenantScope) {
        pending.withLock { $0.refreshed[endpoint] = tenant }
    }

    func started(_ recovery: Recoveries.Running) {
        pending.withLock { $0.recoveries.append(recovery) }
    }

    func take() -> Taken {
        pending.withLock { taken in
            defer { taken = Taken() }
            return taken
        }
    }
}
