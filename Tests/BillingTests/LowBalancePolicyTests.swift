@testable import Billing
import Kernel
import Testing

@Suite struct LowBalancePolicyTests {
    @Test func runway_isBalanceOverBurn_roundedDownToATenth() {
        #expect(LowBalancePolicy.runwayDays(balancePaise: 10_000, dailyBurnPaise: 1500) == 6.6)
        #expect(LowBalancePolicy.runwayDays(balancePaise: 3000, dailyBurnPaise: 1500) == 2.0)
        #expect(LowBalancePolicy.runwayDays(balancePaise: 0, dailyBurnPaise: 1500) == 0)
        #expect(LowBalancePolicy.runwayDays(balancePaise: -500, dailyBurnPaise: 1500) == 0)
        #expect(LowBalancePolicy.runwayDays(balancePaise: 10_000, dailyBurnPaise: 0) == nil)
        #expect(LowBalancePolicy.runwayDays(balancePaise: .max, dailyBurnPaise: 1) == Double(Int64.max), "no overflow")
    }

    @Test func isLow_comparesExactlyInPaise_andANegativeBalanceIsAlwaysLow() {
        let policy = LowBalancePolicy(thresholdDays: 7)
        #expect(!policy.isLow(balancePaise: 10_500, dailyBurnPaise: 1500), "exactly seven days is not under seven")
        #expect(policy.isLow(balancePaise: 10_499, dailyBurnPaise: 1500))
        #expect(!policy.isLow(balancePaise: 0, dailyBurnPaise: 0), "nothing burns, nothing owed")
        #expect(policy.isLow(balancePaise: -1, dailyBurnPaise: 0))
        #expect(!LowBalancePolicy(thresholdDays: 0).isLow(balancePaise: 0, dailyBurnPaise: 1500))
        #expect(LowBalancePolicy(thresholdDays: 0).isLow(balancePaise: -1, dailyBurnPaise: 1500))
    }

    @Test func action_alertsOncePerCrossing_andRearmsWhenTheWalletRecovers() {
        let policy = LowBalancePolicy()
        #expect(policy.action(balancePaise: 100, dailyBurnPaise: 1500, alerted: false) == .alert)
        #expect(policy.action(balancePaise: 100, dailyBurnPaise: 1500, alerted: true) == .none)
        #expect(policy.action(balancePaise: 100_000, dailyBurnPaise: 1500, alerted: true) == .rearm)
        #expect(policy.action(balancePaise: 100_000, dailyBurnPaise: 1500, alerted: false) == .none)
    }

    @Test func action_withNothingLive_neitherAlertsNorRearms_unlessOverdrawn() {
        let policy = LowBalancePolicy()
        #expect(policy.action(balancePaise: 0, dailyBurnPaise: 0, alerted: true) == .none, "no runway to compare: still the same crossing")
        #expect(policy.action(balancePaise: 100_000, dailyBurnPaise: 0, alerted: true) == .none)
        #expect(policy.action(balancePaise: 0, dailyBurnPaise: 0, alerted: false) == .none)
        #expect(policy.action(balancePaise: -1, dailyBurnPaise: 0, alerted: false) == .alert)
    }

    @Test func rupees_useIndianGrouping() {
        #expect(Rupees.format(123_456_789) == "₹12,34,567.89")
        #expect(Rupees.format(100_000) == "₹1,000.00")
        #expect(Rupees.format(5) == "₹0.05")
        #expect(Rupees.format(-1200) == "-₹12.00")
    }
}
