import Kernel

extension Webhooks {
    /// Sends again every event of the types the endpoint is subscribed to that occurred in `since..<until`, the range
    /// cut to the last ``Settings/recoveryReach`` (the event log's retention) and to now: the answer shows the range
    /// used, and a range left empty counts 0. A dry run only counts them. Otherwise a recovery starts: its deliveries
    /// are created a window at a time and go after the endpoint's live ones, so live traffic keeps flowing; its
    /// counters show the progress. Each carries the event's own id and `sequence`.
    public func recover(_ scope: TenantScope, endpointID: String, _ request: RecoveryRequest) async throws -> RecoveryAnswer {
        let now = clock.now()
        let until = min(request.until, now), since = min(max(request.since, now - settings.recoveryReach), until)
        let id = Identifier.make(.webhookRecovery)
        let answer = try await database.write { tx -> RecoveryAnswer in
            let endpoint = try Self.endpoint(endpointID, scope, tx)
            guard endpoint.enabled else {
                throw DomainError(.conflict, code: .endpointDisabled, "The endpoint is disabled; enable it before recovering events to it.")
            }
            let total = try EventLog.count(tenant: scope.operatorID, mode: scope.mode, types: Set(endpoint.events), from: since, until: until, tx)
            if request.dryRun == true {
                return .preview(RecoveryPreview(endpointID: endpointID, since: since, until: until, total: total))
            }
            try Recoveries.insert(id, scope, endpoint: endpointID, since: since, until: until, types: endpoint.events, total: total, tx)
            return .started(try Recoveries.find(id, scope, tx))
        }
        if case .started(let recovery) = answer, recovery.status == .running {
            dispatcher.notices.started(Recoveries.Running(id: recovery.id, endpoint: endpointID, tenant: scope, open: 0, fullyFed: false))
            dispatcher.wake()
        }
        return answer
    }

    public func getRecovery(_ scope: TenantScope, _ id: String) async throws -> WebhookRecovery {
        try await database.read { tx in try Recoveries.find(id, scope, tx) }
    }

    /// The endpoint's recoveries, newest first (the dashboard's list).
    public func listRecoveries(_ scope: TenantScope, endpointID: String, limit: Int = 5) async throws -> [WebhookRecovery] {
        try await database.read { tx in
            _ = try Self.endpoint(endpointID, scope, tx)
            return try Recoveries.list(endpoint: endpointID, limit: limit, tx)
        }
    }
}

/// What `recover` answers: a count for a dry run, the recovery otherwise.
public enum RecoveryAnswer: Sendable, Equatable {
    case preview(RecoveryPreview)
    case started(WebhookRecovery)
}
