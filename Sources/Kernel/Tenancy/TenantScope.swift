/// Whose data, in which mode: every domain row and every query is scoped by both.
///
/// A request's scope comes from its credential (API key, client session); a live scope never sees test rows and
/// another operator's rows are simply not there.
public struct TenantScope: Hashable, Sendable, CustomStringConvertible {
    public let operatorID: String
    public let mode: Mode

    public init(operatorID: String, mode: Mode) {
        self.operatorID = operatorID
        self.mode = mode
    }

    public var isLive: Bool { mode == .live }
    public var description: String { "\(operatorID)/\(mode.rawValue)" }
}
