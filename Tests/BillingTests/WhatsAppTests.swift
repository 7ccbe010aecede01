@testable import Billing
import Foundation
import Kernel
import Testing
import TestSupport

/// The WhatsApp pieces that need no network: retry decisions and the message body.
@Suite struct WhatsAppTests {
    @Test func alertRetry_backsOffOnTransientFailures_andGivesUpOnPermanentOnes() {
        let policy = AlertRetryPolicy(backoff: RetryBackoff(base: .seconds(30), cap: .seconds(3600)), maxAttempts: 3)
        let now = IST.at("2026-11-25 10:00")
        #expect(policy.next(after: nil, attempt: 1, now: now) == .sent)
        #expect(policy.next(after: .init(status: 500, detail: ""), attempt: 1, now: now) == .retry(at: now + .seconds(30)))
        #expect(policy.next(after: .init(status: 429, detail: ""), attempt: 2, now: now) == .retry(at: now + .seconds(60)))
        #expect(policy.next(after: .init(status: nil, detail: "refused"), attempt: 2, now: now) == .retry(at: now + .seconds(60)))
        #expect(policy.next(after: .init(status: 500, detail: ""), attempt: 3, now: now) == .failed, "out of attempts")
        #expect(policy.next(after: .init(status: 400, detail: ""), attempt: 1, now: now) == .failed, "a bad request stays bad")
    }

    @Test func message_isATemplateMessageToTheNumberWithoutItsPlus() throws {
        let message = WhatsAppMessage(to: "+919876543210", template: "low_balance_alert", bodyParameters: ["live", "₹10.00"])
        #expect(try JSON.encodeString(message) == #"{"messaging_product":"whatsapp","template":{"components":[{"parameters":[{"text":"live","type":"text"},{"text":"₹10.00","type":"text"}],"type":"body"}],"language":{"code":"en"},"name":"low_balance_alert"},"to":"919876543210","type":"template"}"#)
    }
}
