import Foundation
import Kernel

/// One `--flag` of the serve options, with its environment twin and how it sets the value.
struct OptionSpec: Sendable {
    let flag: String
    let environment: String
    let placeholder: String?
    let summary: String
    let apply: @Sendable (inout ServeOptions, String) throws(UsageError) -> Void

    /// Whether the flag takes a value (`--port 8080`) or is a switch (`--webhook-allow-private`).
    var takesValue: Bool { placeholder != nil }

    static let all: [OptionSpec] = [
        OptionSpec(flag: "--host", environment: "OPERATOR_API_HOST", placeholder: "ADDRESS",
                   summary: "address to listen on (default 127.0.0.1)") { options, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("--host needs an address") }
            options.host = value
        },
        OptionSpec(flag: "--port", environment: "OPERATOR_API_PORT", placeholder: "PORT",
                   summary: "TCP port, 0 picks a free one (default 8080)") { options, value throws(UsageError) in
            guard let port = Int(value), (0...65535).contains(port) else { throw UsageError("--port must be 0…65535, not '\(value)'") }
            options.port = port
        },
        OptionSpec(flag: "--db", environment: "OPERATOR_API_DB", placeholder: "FILE|URL",
                   summary: "SQLite database file (default ./data/operator-api.sqlite), or PostgreSQL: postgres://user:password@host:port/dbname?sslmode=…") { options, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("--db needs a file path or a postgres:// URL") }
            options.databasePath = value
        },
        OptionSpec(flag: "--master-key-file", environment: "OPERATOR_API_MASTER_KEY_FILE", placeholder: "FILE",
                   summary: "key sealing the secrets at rest (default <db>.master-key, created on first start)") { options, value throws(UsageError) in
            guard !value.isEmpty else { throw UsageError("--master-key-file needs a file path") }
            options.masterKeyFile = value
        },
        OptionSpec(flag: "--admin-token", environment: "OPERATOR_API_ADMIN_TOKEN", placeholder: "TOKEN",
                   summary: "platform admin bearer token (default: generated on first start)") { options, value throws(UsageError) in
            guard value.count >= 16 else { throw UsageError("--admin-token must be at least 16 characters") }
            options.adminToken = value
        },
        OptionSpec(flag: "--log-level", environment: "OPERATOR_API_LOG_LEVEL", placeholder: "LEVEL",
                   summary: "debug, info, warning or error (default info)") { options, value throws(UsageError) in
            guard let level = Logger.Level(name: value) else { throw UsageError("--log-level must be debug, info, warning or error") }
            options.logLevel = level
        },
        OptionSpec(flag: "--max-body-bytes", environment: "OPERATOR_API_MAX_BODY_BYTES", placeholder: "BYTES",
                   summary: "largest request body accepted (default 1048576)") { options, value throws(UsageError) in
            guard let bytes = Int(value), bytes >= 1024, bytes <= 64 << 20 else {
                throw UsageError("--max-body-bytes must be 1024…67108864")
            }
            options.maxBodyBytes = bytes
        },
        OptionSpec(flag: "--max-connections-per-address", environment: "OPERATOR_API_MAX_CONNECTIONS_PER_ADDRESS", placeholder: "COUNT",
                   summary: "open connections one client address (IPv6: one /64) may hold (default 256)") { options, value throws(UsageError) in
            guard let count = Int(value), count >= 1, count <= 1_000_000 else {
                throw UsageError("--max-connections-per-address must be 1…1000000")
            }
            options.maxConnectionsPerAddress = count
        },
        OptionSpec(flag: "--first-byte-timeout", environment: "OPERATOR_API_FIRST_BYTE_TIMEOUT", placeholder: "SECONDS",
                   summary: "close a new connection that sends nothing for this long (default 10)") { options, value throws(UsageError) in
            guard let seconds = Double(value), seconds >= 0.1, seconds <= 3600 else {
                throw UsageError("--first-byte-timeout must be 0.1…3600 seconds")
            }
            options.firstByteTimeout = .milliseconds(Int((seconds * 1000).rounded()))
        },
        OptionSpec(flag: "--durability", environment: "OPERATOR_API_DURABILITY", placeholder: "MODE",
                   summary: "full (default: a commit survives a power cut) or normal (a process crash only)") { options, value throws(UsageError) in
            guard let durability = Durability(rawValue: value) else { throw UsageError("--durability must be full or normal, not '\(value)'") }
            options.durability = durability
        },
        OptionSpec(flag: "--metrics-token", environment: "OPERATOR_API_METRICS_TOKEN", placeholder: "TOKEN",
                   summary: "bearer token /metrics requires (default: none, /metrics is open)") { options, value throws(UsageError) in
            // What a bearer credential may hold (RFC 6750's token68), or no request could ever present it.
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/=")
            guard value.count >= 16, value.allSatisfy(allowed.contains) else {
                throw UsageError("--metrics-token must be at least 16 letters, digits or -._~+/=")
            }
            options.metricsToken = value
        },
        OptionSpec(flag: "--trusted-proxies", environment: "OPERATOR_API_TRUSTED_PROXIES", placeholder: "CIDR,…",
                   summary: "reverse proxies whose X-Forwarded-For/Forwarded name the client (default none)") { options, value throws(UsageError) in
            var networks = [IPNetwork]()
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.trimmingCharacters(in: .whitespaces)
                guard let network = IPNetwork(text) else {
                    throw UsageError("--trusted-proxies takes addresses or CIDR blocks separated by commas, not '\(text)'")
                }
                networks.append(network)
            }
            options.trustedProxies = networks
        },
        OptionSpec(flag: "--webhook-allow-private", environment: "OPERATOR_API_WEBHOOK_ALLOW_PRIVATE", placeholder: nil,
                   summary: "allow webhook targets on private addresses and http:// (development only)") { options, value throws(UsageError) in
            guard let on = Bool(switchValue: value) else { throw UsageError("OPERATOR_API_WEBHOOK_ALLOW_PRIVATE must be 1/0/true/false") }
            options.webhookAllowPrivate = on
        },
    ]
}

extension Bool {
    /// `1`, `true`, `yes`, `on` and their opposites, as environment switches are written.
    init?(switchValue: String) {
        switch switchValue.lowercased() {
        case "1", "true", "yes", "on": self = true
        case "0", "false", "no", "off", "": self = false
        default: return nil
        }
    }
}
