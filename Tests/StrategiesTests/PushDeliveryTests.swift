@testable import Strategies
import Testing

@Suite struct PushDeliveryTests {
    typealias Copy = PushDelivery.Copy

    @Test func aClientWithoutACopy_getsANewDraft_unlessTheyAreNoLongerActive() {
        #expect(PushDelivery.action(for: nil, clientActive: true, version: 1) == .create)
        #expect(PushDelivery.action(for: nil, clientActive: false, version: 1) == .skip)
    }

    @Test(arguments: [StrategyStatus.draft, .paper, .paused])
    func aCopyThatIsNotLive_isUpdatedInPlace(status: StrategyStatus) {
        #expect(PushDelivery.action(for: Copy(status: status, templateVersion: 1, availableVersion: nil), clientActive: true, version: 2) == .update)
    }

    @Test func aLiveCopy_isFlagged_onceForEachNewerVersion() {
        #expect(PushDelivery.action(for: Copy(status: .live, templateVersion: 1, availableVersion: nil), clientActive: true, version: 2) == .flag)
        #expect(PushDelivery.action(for: Copy(status: .live, templateVersion: 1, availableVersion: 2), clientActive: true, version: 3) == .flag)
        #expect(PushDelivery.action(for: Copy(status: .live, templateVersion: 1, availableVersion: 3), clientActive: true, version: 2) == .skip)
    }

    @Test func aCopyAtThisVersionOrNewer_isLeftAlone() {
        #expect(PushDelivery.action(for: Copy(status: .draft, templateVersion: 3, availableVersion: nil), clientActive: true, version: 2) == .skip)
        #expect(PushDelivery.action(for: Copy(status: .paper, templateVersion: 2, availableVersion: nil), clientActive: true, version: 2) == .skip)
    }
}
