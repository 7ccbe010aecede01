import Kernel

/// The body of `POST /v1/wl/test-clock`: where to pin the sandbox's clock (left out: now).
struct TestClockFreezeRequest: Decodable {
    let frozenTime: Timestamp?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case frozenTime = "frozen_time"
    }
}

/// The body of `POST /v1/wl/test-clock/advance`: where to move the sandbox's clock.
struct TestClockAdvanceRequest: Decodable {
    let to: Timestamp

    enum CodingKeys: String, CodingKey, CaseIterable {
        case to
    }
}
