import Foundation

/// One setting that has no flag, only an environment variable: the test knobs and the WhatsApp credentials. Its
/// value is checked like a flag's, so a bad one is a usage error (exit status 2), never silently ignored.
struct EnvironmentSpec: Sendable {
    let name: String
    let placeholder: String
    let summary: String
    let apply: @Sendable (inout ServeOptions, String) throws(UsageError) -> Void

    /// Settings of the PostgreSQL engine that only an unusual installation needs.
    static let postgres: [EnvironmentSpec] = [
        EnvironmentSpec(name: "OPERATOR_API_LIBPQ", placeholder: "FILE",
                        summary: "the libpq library to load for a postgres:// --db (default libpq.so.5)") { options, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("OPERATOR_API_LIBPQ needs a library name or path") }
            options.libpq = value
        },
    ]

    static let knobs: [EnvironmentSpec] = [
        EnvironmentSpec(name: "OPERATOR_API_WEBHOOK_RETRY_BASE_MS", placeholder: "MS",
                        summary: "first webhook retry delay; later ones ×5 (default 60000)") { options, value throws(UsageError) in
            options.knobs.webhookRetryBase = .milliseconds(try milliseconds(value, of: "OPERATOR_API_WEBHOOK_RETRY_BASE_MS"))
        },
        EnvironmentSpec(name: "OPERATOR_API_WEBHOOK_TIMEOUT_MS", placeholder: "MS",
                        summary: "time limit of one webhook attempt (default 10000)") { options, value throws(UsageError) in
            options.knobs.webhookAttemptTimeout = .milliseconds(try milliseconds(value, of: "OPERATOR_API_WEBHOOK_TIMEOUT_MS"))
        },
        EnvironmentSpec(name: "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS", placeholder: "COUNT",
                        summary: "failed authentications per address per minute before 429 (default 20)") { options, value throws(UsageError) in
            guard let count = Int(value), (1...Int(Int32.max)).contains(count) else {
                throw UsageError("OPERATOR_API_AUTH_FAILURES_PER_ADDRESS must be 1…\(Int32.max), not '\(value)'")
            }
            options.knobs.authFailuresPerAddress = count
        },
        EnvironmentSpec(name: "OPERATOR_API_BENCH_NO_QUOTAS", placeholder: "1|0",
                        summary: "turns the quota limiter off, for scripts/bench-http only") { options, value throws(UsageError) in
            guard let off = Bool(switchValue: value) else { throw UsageError("OPERATOR_API_BENCH_NO_QUOTAS must be 1/0/true/false") }
            options.knobs.enforceQuotas = !off
        },
    ]

    /// 1 ms … 1 h, in whole milliseconds.
    private static func milliseconds(_ value: String, of name: String) throws(UsageError) -> Int64 {
        guard let ms = Int64(value), (1...3_600_000).contains(ms) else { throw UsageError("\(name) must be 1…3600000 (ms), not '\(value)'") }
        return ms
    }
}
