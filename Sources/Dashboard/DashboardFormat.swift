import Kernel

/// How the dashboard writes times (IST), money (rupees) and counts.
enum DashboardFormat {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `25 Nov 2026, 18:30:05 IST`.
    static func time(_ t: Timestamp) -> String {
        let local = t.milliseconds + IST.offsetMilliseconds
        let day = CivilDate(daysSinceEpoch: local.floorDivided(by: 86_400_000))
        let seconds = (local - day.daysSinceEpoch * 86_400_000) / 1000
        return "\(day.day) \(months[Int(day.month) - 1]) \(day.year), \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) IST"
    }

    /// `time(t)` or a dash for never.
    static func time(_ t: Timestamp?, never: String = "never") -> String { t.map(time) ?? never }

    /// `1,000`: thousands separated by commas.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `₹1,234.50` from paise.
    static func rupees(_ paise: Int64) -> String {
        let whole = Int(paise.magnitude / 100), fraction = Int(paise.magnitude % 100)
        return (paise < 0 ? "-" : "") + "₹" + count(whole) + "." + two(Int64(fraction))
    }

    /// `97.5%`, or a dash when there is nothing to divide.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
