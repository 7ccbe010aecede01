import Kernel

/// Where a client's strategy is in its lifecycle: `draft` (pushed, never deployed), `paper` (simulated trading),
/// `live` (trading through the client's broker; billed per day), `paused` (stopped; `pause_reason` says why).
public enum StrategyStatus: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    case draft, paper, live, paused
}
