import Kernel

/// A delivery due for an attempt, as read from storage with everything its attempt and its record need.
struct DueDelivery: Identifiable, Sendable {
    let id: String
    let target: EndpointTarget
    let eventID: String
    let eventType: String
    let payload: String
    /// Attempts made so far.
    let attempts: Int
    let status: DeliveryStatus
    let lane: String?
    let recoveryID: String?
    let isTest: Bool

    var endpointID: String { target.id }
    var tenant: TenantScope { target.tenant }
}
