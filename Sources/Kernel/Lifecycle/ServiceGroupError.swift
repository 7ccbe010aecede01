/// Why a ``ServiceGroup`` stopped without being asked to: one of its services died.
public struct ServiceGroupError: Error, CustomStringConvertible {
    /// The kinds of death, compared by value.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String

        /// The service's `run()` returned although nobody cancelled it.
        public static let serviceFinishedEarly = Code(description: "service_finished_early")
        /// The service's `run()` threw.
        public static let serviceFailed = Code(description: "service_failed")
    }

    public let code: Code
    /// The service's name.
    public let service: String
    /// What it threw, for ``Code/serviceFailed``.
    public let underlying: (any Error)?

    public var description: String {
        switch code {
        case .serviceFailed: "service \(service) failed: \(underlying.map { "\($0)" } ?? "")"
        default: "service \(service) stopped unexpectedly"
        }
    }
}
