import Kernel

/// The market a strategy trades against: simulated (`paper`) or real, through the client's broker (`live`).
///
/// Not to be confused with the API's live/test ``Mode`` (which data a request sees, `livemode`): a test-mode
/// client's strategy can be deployed to `live` trading against a sandbox broker.
public enum TradingMode: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    case paper, live

    /// The status a strategy has while it runs in this mode.
    var runningStatus: StrategyStatus { self == .paper ? .paper : .live }
}
