import Foundation

/// SplitMix64: a tiny deterministic generator, so every fuzz failure reproduces from its seed.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` once per fuzz input: `defaultCount` times, or `OPERATOR_API_FUZZ_INPUTS` times for a long run.
/// It yields every few hundred inputs so a long loop does not hold a cooperative thread that the server tests
/// running alongside need within their timeouts.
public func forEachFuzzInput(default defaultCount: Int, _ body: () -> Void) async {
    let count = ProcessInfo.processInfo.environment["OPERATOR_API_FUZZ_INPUTS"].flatMap { Int($0) } ?? defaultCount
    for index in 0..<count {
        body()
        if index % 256 == 255 { await Task.yield() }
    }
}
