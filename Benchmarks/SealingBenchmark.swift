import Kernel

/// What sealing secrets at rest costs per request: an idempotent answer sealed for its caller (HKDF-SHA256 then
/// AES-256-GCM, as the Gateway does when it stores one) and opened again (a replay), and a webhook signing secret
/// opened (once per delivery attempt).
enum SealingBenchmark {
    static func answers(count: Int = 200_000) async throws -> [String: Double] {
        let sealer = Sealer(.generate(), purpose: "idempotent answer")
        let body = Array(String(repeating: #"{"secret":"tt_wl_acme_live_0123456789abcdefghijklmnopqrstuvwxyzABCD"}"#, count: 8).utf8)
        let contexts = (0..<1000).map { Array("op_\($0)/live".utf8) + [0] + Array("key-\($0)".utf8) + [0] + Digest.sha256("credential-\($0)") }
        var start = ContinuousClock.now
        var sealed = [[UInt8]]()
        sealed.reserveCapacity(count)
        for i in 0..<count { sealed.append(sealer.seal(body, context: contexts[i % contexts.count])) }
        let sealSeconds = (ContinuousClock.now - start).seconds
        start = ContinuousClock.now
        var opened = 0
        for i in 0..<count { opened += try sealer.open(sealed[i], context: contexts[i % contexts.count]).count }
        let openSeconds = (ContinuousClock.now - start).seconds
        precondition(opened == count * body.count)
        return ["answer bytes": Double(body.count), "answers sealed/s": Double(count) / sealSeconds, "answers opened/s": Double(count) / openSeconds]
    }

    static func signingSecrets(count: Int = 200_000) async throws -> [String: Double] {
        let sealer = Sealer(.generate(), purpose: "webhook endpoint secret")
        let sealed = (0..<100).map { sealer.seal(Array("whsec_\($0)MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXY=".utf8), associated: Array("whe_\($0)".utf8)) }
        let start = ContinuousClock.now
        var opened = 0
        for i in 0..<count { opened += try sealer.open(sealed[i % 100], associated: Array("whe_\(i % 100)".utf8)).count }
        precondition(opened > 0)
        return ["secrets opened/s": Double(count) / (ContinuousClock.now - start).seconds]
    }
}
