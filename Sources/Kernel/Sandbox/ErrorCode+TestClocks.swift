/// The error codes of sandbox test clocks.
extension ErrorCode {
    /// Test clocks exist in test mode only; the live mode never sees one.
    public static let testModeOnly = ErrorCode("test_mode_only")
    /// The sandbox already runs on a test clock: advance it, or delete it first.
    public static let testClockExists = ErrorCode("test_clock_exists")
    /// The sandbox runs on real time: set a test clock first.
    public static let noTestClock = ErrorCode("no_test_clock")
    /// The sandbox's clock is moving already (another advance is running).
    public static let testClockBusy = ErrorCode("test_clock_busy")
}
