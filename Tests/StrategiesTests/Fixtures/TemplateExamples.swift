import Strategies

/// The worked example of the template formats: the same strategy in markdown and in JSON, and the model both
/// normalise to. (The README's template section shows these same texts.)
enum TemplateExamples {
    static let markdown = """
        ---
        name: Nifty momentum
        summary: Rides intraday trends on the index futures
        instruments: [NIFTY, BANKNIFTY]
        capital_required_paise: 5000000
        max_daily_loss_paise: 250000
        max_open_positions: 3
        parameters:
          fast_period: 9
          slow_period: 21
          trail_stop: true
          session: "09:20-15:10"
        ---

        # Nifty momentum

        Buys when the 9-period average crosses above the 21-period one.
        """

    static let json = """
        {
          "name": "Nifty momentum",
          "summary": "Rides intraday trends on the index futures",
          "body": "# Nifty momentum\\n\\nBuys when the 9-period average crosses above the 21-period one.",
          "instruments": ["NIFTY", "BANKNIFTY"],
          "parameters": {"fast_period": 9, "slow_period": 21, "trail_stop": true, "session": "09:20-15:10"},
          "risk": {"max_daily_loss_paise": 250000, "max_open_positions": 3},
          "capital_required_paise": 5000000
        }
        """

    static let model = TemplateModel(
        name: "Nifty momentum", summary: "Rides intraday trends on the index futures",
        body: "# Nifty momentum\n\nBuys when the 9-period average crosses above the 21-period one.",
        instruments: ["NIFTY", "BANKNIFTY"],
        parameters: ["fast_period": .number(9), "slow_period": .number(21), "trail_stop": .bool(true), "session": .string("09:20-15:10")],
        risk: TemplateRisk(maxDailyLossPaise: 250_000, maxOpenPositions: 3), capitalRequiredPaise: 5_000_000)

    /// A minimal markdown template named `name`, for tests that push several versions.
    static func minimal(_ name: String) -> TemplateSource {
        .markdown("---\nname: \(name)\ninstruments: [NIFTY]\n---\n")
    }
}
