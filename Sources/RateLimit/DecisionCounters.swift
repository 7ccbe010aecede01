/// Allowed and refused decisions per policy name, for `/metrics`.
struct DecisionCounters: Sendable {
    private(set) var byName: [String: (allowed: Int, refused: Int)] = [:]

    /// Counts one decision over `policies`: every one allowed when none refused, else each refusing one refused.
    mutating func count(_ policies: [BucketPolicy], refused: [Int]) {
        for (i, policy) in policies.enumerated() {
            if refused.contains(i) { byName[policy.name, default: (0, 0)].refused += 1 }
            if refused.isEmpty { byName[policy.name, default: (0, 0)].allowed += 1 }
        }
    }

    /// Both tables' counts added up.
    func adding(_ other: DecisionCounters) -> [String: (allowed: Int, refused: Int)] {
        byName.merging(other.byName) { ($0.allowed + $1.allowed, $0.refused + $1.refused) }
    }
}
