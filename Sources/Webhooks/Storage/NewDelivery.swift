import Kernel

/// A delivery about to be stored: from an event (with its lane), a replay, a test send or a recovery.
struct NewDelivery: Sendable {
    let id: String
    let tenant: TenantScope
    let endpointID: String
    let eventID: String
    let eventType: String
    let payload: String
    /// The ordered lane it joins (``DeliveryLane``); nil: it waits for nothing and nothing waits for it.
    var lane: String?
    var replayOf: String?
    var isTest = false
    var recoveryID: String?
    var priority = DeliveryPriority.live
}
