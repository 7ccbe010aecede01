import Foundation
import Kernel

/// Release-mode benchmarks. `swift run -c release Benchmarks [insert|bus|webhooks|strategies|ratelimit|sealing|events|all] [--runs N]`
/// (`webhooks` is `webhook-throughput`, `webhook-latency`, `webhook-fairness`, `webhook-stats` and `http-client`, each
/// also on its own); results go to BENCHMARKS.md.
@main
enum Benchmarks {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let which = arguments.first { !$0.hasPrefix("-") } ?? "all"
        let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 3
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; runs: \(runs)")
        if which == "insert" || which == "all" {
            for durability in Durability.allCases {
                for writers in [1, 64] {
                    try await report("\(ScratchDatabase.engine) single-row insert, one transaction each, \(writers) writers, durability \(durability)", runs: runs) {
                        try await InsertBenchmark.run(rows: writers == 1 && durability == .full ? 2_000 : 40_000, writers: writers, durability: durability)
                    }
                }
            }
        }
        func wanted(_ name: String) -> Bool { which == name || which == "webhooks" || which == "all" }
        if wanted("webhook-throughput") {
            try await report("webhooks: a 10,000-delivery backlog, signed and logged, to nginx on loopback (keep-alive)", runs: runs) {
                try await WebhookBenchmark.throughput()
            }
        }
        if wanted("webhook-latency") {
            try await report("webhooks: commit → first attempt at 100 events/s", runs: runs) { try await WebhookBenchmark.latency() }
        }
        if wanted("webhook-fairness") {
            try await report("webhooks: 1,000 endpoints of 100 operators, one operator's 10 endpoints never answering", runs: runs) {
                try await WebhookFairnessBenchmark.run()
            }
        }
        if wanted("webhook-stats") {
            try await report("webhooks: GET /v1/wl/webhook-stats on a million deliveries", runs: runs) { try await WebhookStatsBenchmark.run() }
        }
        if wanted("http-client") {
            try await report("HTTP client alone: POSTs to nginx on loopback from 8 tasks", runs: runs) { try await HTTPClientBenchmark.requests() }
        }
        if which == "bus" || which == "all" {
            for durability in Durability.allCases {
                try await report("durable bus (\(ScratchDatabase.engine)): 64 publishers, one event per transaction, 3 subscribers, durability \(durability)", runs: runs) {
                    try await BusBenchmark.throughput(publishers: 64, durability: durability)
                }
            }
            try await report("durable bus: publish→consume latency at 2,000 events/s", runs: runs) { try await BusBenchmark.latency() }
        }
        if which == "ratelimit" || which == "all" {
            try await report("rate limit: decisions in isolation", runs: runs) { try await RateLimitBenchmark.decisions() }
        }
        if which == "sealing" || which == "all" {
            try await report("secrets at rest: an idempotent answer sealed for its caller, then opened", runs: runs) { try await SealingBenchmark.answers() }
            try await report("secrets at rest: a webhook signing secret opened", runs: runs) { try await SealingBenchmark.signingSecrets() }
        }
        if which == "events" || which == "all" {
            try await report("events API: pages of 100 after 20,000 user.created (users for comparison), in-process Gateway", runs: runs) {
                try await EventsBenchmark.pages()
            }
        }
        if which == "strategies" || which == "all" {
            try await report("strategies: push a template to a 10,000-client plan", runs: runs) { try await StrategiesBenchmark.push() }
        }
    }

    /// Runs `body` `runs` times and prints every figure's median.
    static func report(_ title: String, runs: Int, _ body: @Sendable () async throws -> [String: Double]) async throws {
        var samples = [String: [Double]]()
        for _ in 0..<runs {
            for (key, value) in try await body() { samples[key, default: []].append(value) }
        }
        print("\n## \(title)")
        for key in samples.keys.sorted() {
            let values = samples[key]!
            print("  \(key): median \(format(Statistics.median(values)))  (runs: \(values.map(format).joined(separator: ", ")))")
        }
    }

    static func format(_ value: Double) -> String { value >= 100 ? String(Int(value.rounded())) : String(format: "%.3f", value) }
}
