import Kernel
@testable import RateLimit
import Testing

@Suite struct TokenBucketTests {
    let t0 = Timestamp(seconds: 1_000_000)

    @Test func newBucket_isFullAndAllowsABurstOfItsCapacity() {
        var bucket = TokenBucket(capacity: 1000, window: .seconds(60), now: t0)
        #expect(bucket.remaining == 1000)
        for _ in 0..<1000 { #expect(bucket.canTake(1)); bucket.take(1) }
        #expect(!bucket.canTake(1) && bucket.remaining == 0)
    }

    @Test func refill_isExactIncludingPartialTokens() {
        var bucket = TokenBucket(capacity: 1000, window: .seconds(60), now: t0)
        bucket.take(1000)
        bucket.refill(at: t0 + .milliseconds(59))
        #expect(bucket.remaining == 0, "1000 per 60 s is one token per 60 ms")
        bucket.refill(at: t0 + .milliseconds(60))
        #expect(bucket.remaining == 1)
        bucket.refill(at: t0 + .milliseconds(90))
        bucket.take(1)
        bucket.refill(at: t0 + .milliseconds(120))
        #expect(bucket.remaining == 1, "the half token from 60–90 ms was kept")
        bucket.refill(at: t0 + .seconds(3600))
        #expect(bucket.remaining == 1000, "never above capacity")
    }

    @Test func clockGoingBackwards_neitherRefillsNorRewinds() {
        var bucket = TokenBucket(capacity: 10, window: .seconds(10), now: t0)
        bucket.take(10)
        bucket.refill(at: t0 - .seconds(3600))
        #expect(bucket.remaining == 0 && bucket.updatedAt == t0)
        bucket.refill(at: t0 + .seconds(1))
        #expect(bucket.remaining == 1)
    }

    @Test func secondsUntil_roundsUpToWholeSeconds() {
        var bucket = TokenBucket(capacity: 1000, window: .seconds(60), now: t0)
        bucket.take(1000)
        #expect(bucket.secondsUntil(1) == 1)
        #expect(bucket.secondsUntil(100) == 6)
        #expect(bucket.secondsUntilFull == 60)
        var day = TokenBucket(capacity: 60_000, window: .seconds(86_400), now: t0)
        day.take(60_000)
        #expect(day.secondsUntil(1) == 2, "one token per 1.44 s")
    }

    @Test func table_refusesWholeAndTakesNothingWhenOneBucketIsShort() {
        var table = BucketTable()
        let wide = BucketPolicy(key: BucketKey(subject: "a", name: "test"), name: "minute", capacity: 10, window: .seconds(60))
        let narrow = BucketPolicy(key: BucketKey(subject: "b", name: "test"), name: "creations", capacity: 2, window: .seconds(3600), cost: 3)
        let decision = table.decide([wide, narrow], at: t0)
        #expect(!decision.allowed && decision.violated == ["creations"])
        #expect(table.decide([wide], at: t0).policies[0].remaining == 9, "the refused request took nothing from the wide bucket")
        #expect(decision.retryAfterSeconds == 1800, "one token per 30 minutes; needs one more")
    }

    @Test func headers_followTheRateLimitHeadersDraft() {
        var table = BucketTable()
        let minute = BucketPolicy(key: BucketKey(subject: "m", name: "test"), name: "minute", capacity: 1000, window: .seconds(60))
        let day = BucketPolicy(key: BucketKey(subject: "d", name: "test"), name: "day", capacity: 60_000, window: .seconds(86_400))
        let headers = table.decide([minute, day], at: t0).headers
        #expect(headers.first { $0.name == "RateLimit-Policy" }?.value == "\"minute\";q=1000;w=60, \"day\";q=60000;w=86400")
        #expect(headers.first { $0.name == "RateLimit" }?.value == "\"minute\";r=999;t=1")
        #expect(!headers.contains { $0.name == "Retry-After" })
    }
}
