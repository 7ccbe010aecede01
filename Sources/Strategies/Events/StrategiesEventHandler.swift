import Kernel

/// The Strategies module's bus subscriber: keeps the read model of operators and clients and runs the reactions
/// (`user.deleted` → live and paper strategies paused, `client_deleted`; `broker.disconnected` → live strategies
/// paused, `broker_disconnected`).
///
/// Everything happens in ``apply(_:in:)``, inside the bus transaction that moves the checkpoint, so each reaction
/// and the `strategy.paused` events it publishes happen exactly once. On top of that each event id is recorded:
/// an event applied again (a replay after the subscriber is renamed, or a test re-running the handler) changes
/// nothing, even if the client has since redeployed.
struct StrategiesEventHandler: EventHandler {
    let name = "strategies"
    let logger: Logger

    func accepts(_ type: String) -> Bool { Self.types.contains(type) }

    private static let types = AccountsMessage.mirrors.types

    func apply(_ event: Event, in tx: Transaction) throws {
        try tx.execute("INSERT OR IGNORE INTO strategies_handled_events(event_id, handled_at) VALUES (?, ?)", [event.id, tx.now])
        guard tx.changes == 1 else { return }
        do {
            try react(to: event, TenantScope(operatorID: event.tenant, mode: event.mode), tx)
        } catch let error as DecodingError {
            // A payload that does not decode will never decode: retrying would block every later event behind it.
            logger.error("strategies skipped a malformed event", ["event_id": event.id, "type": event.type, "error": "\(error)"])
        }
    }

    private func react(to event: Event, _ scope: TenantScope, _ tx: Transaction) throws {
        switch event.type {
        case AccountsMessage.userCreated:
            try ClientDirectory.add(try event.decode(UserCreatedMessage.self).user, scope, tx)
        case AccountsMessage.brokerConnected:
            try ClientDirectory.connectBroker(try event.decode(BrokerConnectedMessage.self), scope, tx)
        case AccountsMessage.brokerDisconnected:
            let userID = try event.decode(UserMessage.self).userID
            try ClientDirectory.disconnectBroker(userID, scope, tx)
            try StrategyRecords.pauseAll(userID: userID, in: [.live], reason: .brokerDisconnected, scope, tx)
        case AccountsMessage.userDeleted:
            // Paper strategies stop too: nothing runs for a deleted client. Only the live ones publish an event.
            let userID = try event.decode(UserMessage.self).userID
            try ClientDirectory.setActive(userID, false, scope, tx)
            try StrategyRecords.pauseAll(userID: userID, in: [.live, .paper], reason: .clientDeleted, scope, tx)
        case AccountsMessage.userRestored:
            try ClientDirectory.setActive(try event.decode(UserMessage.self).userID, true, scope, tx)
        case AccountsMessage.userPurged:
            try ClientDirectory.purge(try event.decode(UserMessage.self).userID, scope, tx)
        case AccountsMessage.operatorCreated, AccountsMessage.operatorUpdated:
            let settings = try event.decode(OperatorSettingsMessage.self)
            try OperatorPrices.set(settings.operatorID, settings.strategyDayPricePaise, tx)
        default:
            break
        }
    }
}
