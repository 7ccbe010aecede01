import Strategies

/// The body of `POST /v1/client/strategies/:id/deploy`: `{"mode": "paper" | "live"}`.
struct DeployRequest: Decodable {
    let mode: TradingMode

    enum CodingKeys: CodingKey, CaseIterable { case mode }
}
