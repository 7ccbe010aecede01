import Kernel

/// One bucket a request must pass: which bucket, its size and window, and how many tokens the request takes.
public struct BucketPolicy: Sendable, Equatable {
    /// Which bucket.
    public let key: BucketKey
    /// The quota's name for headers, problems and metrics (`minute`, `day`, …).
    public let name: String
    /// The operator quota this bucket counts; nil for the per-address and per-session limits.
    public let quota: Quota?
    public let capacity: Int
    public let window: Duration
    /// Whether it counts the current IST calendar window (a ``WindowCounter``) rather than refilling a ``TokenBucket``.
    public let isCalendar: Bool
    public let cost: Int

    public init(key: BucketKey, name: String, quota: Quota? = nil, capacity: Int, window: Duration, isCalendar: Bool = false, cost: Int = 1) {
        self.key = key
        self.name = name
        self.quota = quota
        self.capacity = capacity
        self.window = window
        self.isCalendar = isCalendar
        self.cost = cost
    }
}

/// Which bucket: an operator's quota in one mode, or a per-address / per-session limit. A struct rather than a
/// joined string, so a decision builds no string on the hot path.
public struct BucketKey: Hashable, Sendable, CustomStringConvertible {
    /// The operator id, address or session the bucket belongs to.
    public let subject: String
    /// The mode, for operator quotas.
    public let mode: Mode?
    /// The quota or limit name, e.g. `requests_per_minute`, `auth-failures`.
    public let name: String

    public init(subject: String, mode: Mode? = nil, name: String) {
        self.subject = subject
        self.mode = mode
        self.name = name
    }

    /// `op_x/live/requests_per_minute` for operator quotas (the persisted form), `auth-failures/203.0.113.7` else.
    public var description: String { mode.map { "\(subject)/\($0.rawValue)/\(name)" } ?? "\(name)/\(subject)" }

    /// Parses the persisted form of an operator quota's key.
    public init?(persisted text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let mode = Mode(rawValue: String(parts[1])) else { return nil }
        self.init(subject: String(parts[0]), mode: mode, name: String(parts[2]))
    }
}

/// A bucket's state after a decision, as headers and the limits API report it.
public struct PolicyState: Sendable, Equatable {
    public let name: String
    /// The operator quota, for buckets that count one (callers switch on this, never on ``name``).
    public let quota: Quota?
    public let limit: Int
    public let remaining: Int
    public let windowSeconds: Int
    /// Seconds until the bucket is full again, or until the calendar window's count starts again.
    public let resetSeconds: Int

    /// `limit - remaining`: for a calendar window the count so far (at most the limit), so `used + remaining = limit`.
    public var used: Int { limit - remaining }
}

/// The answer for one request: allowed (every bucket had the tokens, all were taken) or refused (none taken).
/// "Bucket" covers both kinds: token buckets and calendar windows' counts (``Meter``).
public struct QuotaDecision: Sendable, Equatable {
    public let allowed: Bool
    public let policies: [PolicyState]
    /// Names of the policies that refused.
    public let violated: [String]
    /// Seconds until every violated bucket has the tokens again.
    public let retryAfterSeconds: Int

    /// `RateLimit-Policy` (every policy) and `RateLimit` (the most constrained one), per
    /// draft-ietf-httpapi-ratelimit-headers; `Retry-After` when refused.
    ///
    /// With replicas, `r` is the shared bucket as this replica last leased from it plus what this replica holds: the
    /// other replicas' unspent batches (at most a share of the bucket each) count as used, and what they spent since
    /// this replica's last lease is not seen yet.
    public var headers: [(name: String, value: String)] {
        guard let rateLimit = rateLimitHeaderValue else { return [] }
        var headers = [(name: "RateLimit-Policy", value: policyHeaderValue), (name: "RateLimit", value: rateLimit)]
        if !allowed { headers.append((name: "Retry-After", value: String(retryAfterSeconds))) }
        return headers
    }

    /// `RateLimit-Policy`: every policy, `"name";q=limit;w=window`, comma-separated. Written into one string (it is
    /// sent on every limited request).
    public var policyHeaderValue: String {
        var value = ""
        value.reserveCapacity(policies.count * 40)
        for policy in policies {
            if !value.isEmpty { value += ", " }
            value += "\""
            value += policy.name
            value += "\";q="
            value += String(policy.limit)
            value += ";w="
            value += String(policy.windowSeconds)
        }
        return value
    }

    /// `RateLimit`: the most constrained policy, `"name";r=remaining;t=reset`; nil when no policy applies.
    public var rateLimitHeaderValue: String? {
        guard let tightest = policies.min(by: {
            Double($0.remaining) / Double(max($0.limit, 1)) < Double($1.remaining) / Double(max($1.limit, 1))
        }) else { return nil }
        return "\"\(tightest.name)\";r=\(tightest.remaining);t=\(tightest.resetSeconds)"
    }
}
