import Kernel

/// The filters and grouping of a usage report. Dates are usage days (see ``UsageWindow``), both inclusive.
public struct UsageQuery: Sendable, Equatable {
    /// What each line of the report sums over.
    public enum GroupBy: String, Sendable, CaseIterable {
        case day, plan, broker, user
    }

    /// The longest range one report may cover: a leap year of days.
    public static let maximumDays: Int64 = 366

    public var from: CivilDate
    public var to: CivilDate
    public var planID: String?
    public var broker: String?
    public var userID: String?
    public var groupBy: GroupBy

    public init(from: CivilDate, to: CivilDate, planID: String? = nil, broker: String? = nil, userID: String? = nil, groupBy: GroupBy = .day) {
        self.from = from
        self.to = to
        self.planID = planID
        self.broker = broker
        self.userID = userID
        self.groupBy = groupBy
    }

    /// Parses a `YYYY-MM-DD` query parameter, naming `field` in the error (for the gateway).
    public static func date(_ text: String, field: String) throws -> CivilDate {
        guard let date = CivilDate(text) else { throw DomainError.invalidField(field, "must be a date like 2026-11-25") }
        return date
    }

    /// Parses a `group_by` query parameter.
    public static func groupBy(_ text: String, field: String = "group_by") throws -> GroupBy {
        guard let value = GroupBy(rawValue: text) else {
            throw DomainError.invalidField(field, "must be one of \(GroupBy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// Checks the range: `from ≤ to`, at most ``maximumDays`` days.
    func validate() throws {
        guard from <= to else { throw DomainError.invalidField("to", "must be on or after from") }
        guard to.daysSinceEpoch - from.daysSinceEpoch < Self.maximumDays else {
            throw DomainError.invalidField("to", "the range may cover at most \(Self.maximumDays) days")
        }
    }
}
