/// The quotas every operator has, per mode.
public enum Quota: String, CaseIterable, Sendable, Codable {
    case requestsPerMinute = "requests_per_minute"
    case requestsPerDay = "requests_per_day"
    case userCreationsPerHour = "user_creations_per_hour"
    /// Public sign-ups (`POST /v1/client/signup`) for the operator, from every address.
    case signupsPerHour = "signups_per_hour"
    /// Public sign-ups for the operator from any one client address.
    case signupsPerAddressPerHour = "signups_per_address_per_hour"
    /// Not a bucket: a count of active subscriptions that Webhooks checks.
    case webhookSubscriptions = "webhook_subscriptions"

    /// How the quota counts; nil for counted quotas.
    ///
    /// Per minute is a token bucket, which smooths bursts. Per day and per hour are exact counts of the current
    /// IST calendar day (00:00–24:00 IST) and IST clock hour: "14,200 / 60,000" is what was done today, so
    /// `used + remaining = limit` always, and idle time gives nothing back.
    public var window: QuotaWindow? {
        switch self {
        case .requestsPerMinute: .rolling(.seconds(60))
        case .requestsPerDay: .calendar(.seconds(86_400))
        case .userCreationsPerHour: .calendar(.seconds(3600))
        // Sign-ups are an abuse guard: a refilling bucket, so no burst at the top of the hour.
        case .signupsPerHour, .signupsPerAddressPerHour: .rolling(.seconds(3600))
        case .webhookSubscriptions: nil
        }
    }

    /// The policy name in `RateLimit-Policy` headers.
    public var policyName: String {
        switch self {
        case .requestsPerMinute: "minute"
        case .requestsPerDay: "day"
        case .userCreationsPerHour: "user-creations"
        case .signupsPerHour: "signups"
        case .signupsPerAddressPerHour: "signups-per-address"
        case .webhookSubscriptions: "webhook-subscriptions"
        }
    }
}

/// How a bucket quota counts.
public enum QuotaWindow: Sendable, Equatable {
    /// A ``TokenBucket`` that refills continuously over the duration.
    case rolling(Duration)
    /// A ``WindowCounter`` of the current IST calendar window of the duration.
    case calendar(Duration)

    public var length: Duration {
        switch self {
        case .rolling(let length), .calendar(let length): length
        }
    }
}

/// A preset of limits ("talk to us about higher limits").
public struct Tier: Sendable, Equatable {
    public let name: String
    public let limits: [Quota: Int]

    public static let standard = Tier(name: "standard", limits: [
        .requestsPerMinute: 1000, .requestsPerDay: 60_000, .userCreationsPerHour: 500, .webhookSubscriptions: 10,
        .signupsPerHour: 200, .signupsPerAddressPerHour: 10,
    ])
    public static let scale = Tier(name: "scale", limits: [
        .requestsPerMinute: 5000, .requestsPerDay: 500_000, .userCreationsPerHour: 5000, .webhookSubscriptions: 25,
        .signupsPerHour: 2000, .signupsPerAddressPerHour: 20,
    ])
    public static let enterprise = Tier(name: "enterprise", limits: [
        .requestsPerMinute: 20_000, .requestsPerDay: 5_000_000, .userCreationsPerHour: 50_000, .webhookSubscriptions: 100,
        .signupsPerHour: 20_000, .signupsPerAddressPerHour: 50,
    ])

    public static let all = [standard, scale, enterprise]

    public static func named(_ name: String) -> Tier { all.first { $0.name == name } ?? standard }
}
