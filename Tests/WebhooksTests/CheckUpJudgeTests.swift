import HTTPClient
import Kernel
import Testing
@testable import Webhooks

/// The check-up's requests and its judge, as values: what is signed how, and what each set of answers earns.
@Suite struct CheckUpJudgeTests {
    static let now = Timestamp(milliseconds: 1_790_000_000_000)
    static let secret = WebhookSigner.newSecret()

    static func outcome(_ check: ReceiverCheck, _ status: Int, tls: TLSDetails? = nil) -> CheckUpOutcome {
        CheckUpOutcome(check: check, webhookID: "evt_x", webhookTimestamp: now.seconds, latencyMs: 3,
                       probe: ProbeResult(result: .response(status: status, retryAfter: nil, body: ""), tls: tls))
    }

    @Test func theRequests_signTheValidAndStaleOnesRightly_tamperTheSignature_andRepeatTheValidByteForByte() {
        var n = 0
        let requests = CheckUpRequests(type: .usageDaily, livemode: false, apiVersion: "2026-11-01", secrets: [Self.secret])
            .make(now: Self.now) { n += 1; return "evt_\(n)" }
        #expect(requests.map(\.check) == ReceiverCheck.allCases)
        func verifies(_ r: CheckUpRequests.Request, tolerance: Duration) -> Bool {
            WebhookSigner.verify(header: r.headers["webhook-signature"]!, id: r.headers["webhook-id"]!, timestamp: Int64(r.headers["webhook-timestamp"]!)!,
                                 body: r.body, secret: Self.secret, now: Self.now, tolerance: tolerance)
        }
        #expect(verifies(requests[0], tolerance: .seconds(300)))
        #expect(!verifies(requests[1], tolerance: .seconds(300)) && requests[1].headers["webhook-signature"]!.hasPrefix("v1,"))
        #expect(!verifies(requests[2], tolerance: .seconds(300)) && verifies(requests[2], tolerance: .seconds(601)))
        #expect(requests[3].headers == requests[0].headers && requests[3].body == requests[0].body)
        #expect(String(decoding: requests[1].body, as: UTF8.self).contains(#""check":"tampered_signature","#))
        #expect(String(decoding: requests[0].body, as: UTF8.self).contains(#""test":true"#))
        #expect(Set(requests.map { $0.headers["webhook-id"]! }).count == 3)
    }

    @Test func theVerdict_passesOnlyWhenTheValidIsAcceptedAndTheOthersRefused_whateverTheRepeatGot() {
        let good = [Self.outcome(.valid, 204), Self.outcome(.tamperedSignature, 401), Self.outcome(.staleTimestamp, 400)]
        for repeatStatus in [200, 409, 500] {
            #expect(CheckUpJudge(outcomes: good + [Self.outcome(.repeat, repeatStatus)], now: Self.now).verdict == .pass)
        }
        let tooLax = [Self.outcome(.valid, 200), Self.outcome(.tamperedSignature, 401), Self.outcome(.staleTimestamp, 202)]
        #expect(CheckUpJudge(outcomes: tooLax, now: Self.now).verdict == .fail)
        #expect(CheckUpJudge(outcomes: [], now: Self.now).verdict == .fail, "nothing checked is no pass")
    }

    @Test func aCertificateExpiringWithin30Days_isNoted_andOneFurtherAwayIsNot() {
        func notes(expiringIn days: Int64) -> [String] {
            let tls = TLSDetails(version: "TLSv1.3", certificateExpiresAt: Self.now.seconds + days * 86_400)
            return CheckUpJudge(outcomes: [Self.outcome(.valid, 200, tls: tls)], now: Self.now).notes
        }
        #expect(notes(expiringIn: 29).count == 1 && notes(expiringIn: 29)[0].contains("certificate expires at"))
        #expect(notes(expiringIn: 31).isEmpty)
    }
}
