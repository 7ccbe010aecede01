import Kernel

/// A signed-in dashboard member: who, which mode they are looking at, and until when.
public struct MemberSession: Sendable, Equatable {
    public let member: Member
    /// Live data or the sandbox; the dashboard's switch changes it.
    public let mode: Mode
    public let expiresAt: Timestamp

    /// The tenant scope every read and write of the session uses.
    public var scope: TenantScope { TenantScope(operatorID: member.operatorID, mode: mode) }
}
