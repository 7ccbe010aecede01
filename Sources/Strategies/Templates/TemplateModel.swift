import Kernel

/// A strategy template in its one normalised form: what the JSON and the markdown formats both parse into, what a
/// template version stores, and what every client's copy is built from.
///
/// Normalisation: text is trimmed (an empty summary becomes nil), instruments are upper-cased, the markdown body
/// loses its leading blank lines and trailing whitespace. Two templates that mean the same thing compare equal.
public struct TemplateModel: Codable, Sendable, Equatable {
    public var name: String
    public var summary: String?
    /// Markdown shown to the client.
    public var body: String
    /// Tradable symbols, e.g. `NIFTY`, `NSE:RELIANCE`; at least one.
    public var instruments: [String]
    public var parameters: [String: TemplateParameter]
    public var risk: TemplateRisk
    /// The capital a client should set aside to run the strategy; nil when the operator does not say.
    public var capitalRequiredPaise: Int64?

    public init(
        name: String, summary: String? = nil, body: String = "", instruments: [String],
        parameters: [String: TemplateParameter] = [:], risk: TemplateRisk = TemplateRisk(), capitalRequiredPaise: Int64? = nil
    ) {
        self.name = name
        self.summary = summary
        self.body = body
        self.instruments = instruments
        self.parameters = parameters
        self.risk = risk
        self.capitalRequiredPaise = capitalRequiredPaise
    }

    enum CodingKeys: String, CodingKey {
        case name, summary, body, instruments, parameters, risk
        case capitalRequiredPaise = "capital_required_paise"
    }

    /// The largest template accepted, in UTF-8 bytes, in either format (64 KiB).
    public static let maximumBytes = 65_536
}

/// The risk limits a template sets; nil means the template sets none.
public struct TemplateRisk: Codable, Sendable, Equatable {
    public var maxDailyLossPaise: Int64?
    public var maxOpenPositions: Int?

    public init(maxDailyLossPaise: Int64? = nil, maxOpenPositions: Int? = nil) {
        self.maxDailyLossPaise = maxDailyLossPaise
        self.maxOpenPositions = maxOpenPositions
    }

    enum CodingKeys: String, CodingKey {
        case maxDailyLossPaise = "max_daily_loss_paise", maxOpenPositions = "max_open_positions"
    }
}

/// A strategy parameter's value: a string, a number or a boolean, encoded as the bare JSON value.
public enum TemplateParameter: Codable, Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
