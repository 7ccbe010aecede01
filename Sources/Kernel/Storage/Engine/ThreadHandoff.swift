/// Carries a value that is not `Sendable` (a connection, a queued body) to the one thread that will own it from then on.
struct ThreadHandoff<Value>: @unchecked Sendable {
    // @unchecked Sendable: the value arrives as `sending`, so its creator keeps no other reference, and after the
    // handoff only the receiving thread touches it.
    let value: Value

    init(_ value: sending Value) {
        self.value = value
    }
}
