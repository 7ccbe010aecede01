import Foundation

/// A fixed-size summary of latencies that merges by addition: counts in logarithmic buckets, eight per doubling, so
/// any percentile it answers is within 9 % of the exact one however many samples it holds. Stored as text
/// (`"bucket:count,…"`, non-empty buckets only) beside each hour's counters.
public struct LatencySketch: Sendable, Equatable {
    /// Buckets per doubling of the latency.
    static let resolution = 8.0
    /// Count per bucket index.
    private(set) var counts: [Int: Int] = [:]

    public init() {}

    /// Parses the stored text; an empty or malformed text is an empty sketch (it only ever holds what this type wrote).
    public init(text: String) {
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let bucket = Int(parts[0]), let count = Int(parts[1]) else { continue }
            counts[bucket, default: 0] += count
        }
    }

    public var text: String {
        counts.keys.sorted().map { "\($0):\(counts[$0]!)" }.joined(separator: ",")
    }

    public var count: Int { counts.values.reduce(0, +) }

    public mutating func add(milliseconds: Int) {
        counts[Self.bucket(milliseconds), default: 0] += 1
    }

    public mutating func merge(_ other: LatencySketch) {
        for (bucket, count) in other.counts { counts[bucket, default: 0] += count }
    }

    /// The nearest-rank percentile `p` (0…100) as its bucket's upper bound in whole milliseconds; nil when empty.
    public func percentile(_ p: Int) -> Int? {
        let total = count
        guard total > 0 else { return nil }
        let rank = max(1, (p * total + 99) / 100)
        var seen = 0
        for bucket in counts.keys.sorted() {
            seen += counts[bucket]!
            if seen >= rank { return Self.upperBound(bucket) }
        }
        return nil
    }

    /// Bucket 0 holds 0 ms; bucket `b` ≥ 1 holds latencies in (2^((b−1)/8) − 1, 2^(b/8) − 1].
    static func bucket(_ milliseconds: Int) -> Int {
        guard milliseconds > 0 else { return 0 }
        return Int((log2(Double(milliseconds) + 1) * resolution).rounded(.up))
    }

    static func upperBound(_ bucket: Int) -> Int {
        Int((pow(2, Double(bucket) / resolution) - 1).rounded())
    }
}
