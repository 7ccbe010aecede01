import Kernel

/// Billing's bus subscriber: keeps the read model the roll-up and the wallet work from, and raises the operator's
/// alerts.
///
/// - `strategy.deployed` / `strategy.paused` open and close the strategy's live interval at the event's time,
///   in the event's mode, and re-check the wallet (its burn changed).
/// - `operator.created` / `operator.updated` record the operator and its price for both modes and re-check
///   both wallets.
/// - `webhook_endpoint.disabled` becomes an inbox item and a WhatsApp alert (the operator must not hear of it only
///   through the failing endpoint).
///
/// Everything happens in ``apply(_:in:)``, inside the bus transaction that moves the checkpoint, so each event
/// counts exactly once, and a low-balance alert it causes commits with it. A payload that does not decode throws:
/// the bus retries and reports the subscriber as failing, rather than Billing silently dropping billable time.
public struct BillingMeter: EventHandler {
    public let name = "billing.meter"
    let alerts: WalletAlerts

    public func accepts(_ type: String) -> Bool { Self.types.contains(type) }

    private static let types = InboundEvent.mirrors.types

    public func apply(_ event: Event, in tx: Transaction) throws {
        let scope = TenantScope(operatorID: event.tenant, mode: event.mode)
        switch event.type {
        case InboundEvent.operatorCreated, InboundEvent.operatorUpdated:
            let settings = try event.decode(OperatorSettings.self)
            try OperatorBook.learn(event.tenant, pricePaise: settings.strategyDayPricePaise, seenAt: event.occurredAt, tx)
            try alerts.recheckBothModes(event.tenant, tx)
        case InboundEvent.strategyDeployed:
            let deployed = try event.decode(StrategyDeployed.self)
            try OperatorBook.learn(event.tenant, pricePaise: nil, seenAt: event.occurredAt, tx)
            try LiveIntervals.open(deployed, scope, at: event.occurredAt, tx)
            try alerts.recheck(scope, tx)
        case InboundEvent.strategyPaused:
            let paused = try event.decode(StrategyPaused.self)
            try OperatorBook.learn(event.tenant, pricePaise: nil, seenAt: event.occurredAt, tx)
            try LiveIntervals.close(paused.strategyID, scope, at: event.occurredAt, tx)
            try alerts.recheck(scope, tx)
        case InboundEvent.webhookEndpointDisabled:
            try alerts.endpointDisabled(try event.decode(EndpointDisabledAlert.self), scope, tx)
        default:
            return
        }
    }
}
