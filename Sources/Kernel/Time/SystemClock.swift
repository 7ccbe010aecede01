import Foundation

/// The real wall clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Timestamp { Timestamp(Date()) }

    public func sleep(until deadline: Timestamp) async throws {
        let remaining = deadline.milliseconds - now().milliseconds
        if remaining > 0 { try await Task.sleep(for: .milliseconds(remaining)) }
    }
}
