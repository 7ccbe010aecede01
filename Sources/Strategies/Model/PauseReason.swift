import Kernel

/// Why a strategy was paused; `strategy.paused` carries it when a live strategy stops.
public enum PauseReason: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    /// The client paused it in the app.
    case clientPaused = "client_paused"
    /// The client's broker link was revoked or expired.
    case brokerDisconnected = "broker_disconnected"
    /// The trading engine reported a breach of the strategy's risk limits.
    case riskLimit = "risk_limit"
    /// The operator deleted the client.
    case clientDeleted = "client_deleted"
}
