/// India Standard Time: UTC+05:30, no daylight saving. Operators' days, roll-ups and dashboards run on it.
public enum IST {
    /// The offset from UTC in milliseconds.
    public static let offsetMilliseconds: Int64 = 19_800_000

    /// The IST calendar day `t` falls on.
    public static func day(of t: Timestamp) -> CivilDate {
        CivilDate(daysSinceEpoch: (t.milliseconds + offsetMilliseconds).floorDivided(by: 86_400_000))
    }

    /// Midnight IST at the start of `day`.
    public static func start(of day: CivilDate) -> Timestamp {
        Timestamp(milliseconds: day.daysSinceEpoch * 86_400_000 - offsetMilliseconds)
    }
}
