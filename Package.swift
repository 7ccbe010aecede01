// swift-tools-version:6.0
import PackageDescription

/// The domain modules of the monolith. Each depends on the shared kernel and the HTTP client only; they talk over the
/// event bus.
/// `ArchitectureTests` reads this list and fails if a domain ever depends on another domain.
let domains = ["Accounts", "Strategies", "Billing", "Webhooks", "RateLimit"]

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "operator-api",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "operator-api", targets: ["operator-api"]),
    ],
    targets: [
        // System libraries, reached through a shim header each.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CTLS", pkgConfig: "libssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CThreads"),

        // Shared kernel: storage, durable event bus, service lifecycle, error codes, clock, ids, crypto, logging.
        .target(name: "Kernel", dependencies: ["CSQLite", "CCrypto", "CThreads"], swiftSettings: settings),

        // What the HTTP server and client share: epoll loop, non-blocking sockets, receive buffer, byte classes, named threads.
        .target(name: "HTTPCore", dependencies: ["CThreads"], swiftSettings: settings),
        // HTTP/1.1 server on epoll sockets; knows nothing of the domains.
        .target(name: "HTTPServer", dependencies: ["HTTPCore"], swiftSettings: settings),
        // HTTP/1.1 client on epoll sockets and OpenSSL: pooled keep-alive connections, vetted addresses, deadlines.
        .target(name: "HTTPClient", dependencies: ["HTTPCore", "CTLS"], swiftSettings: settings),
    ]
    + domains.map { .target(name: $0, dependencies: ["Kernel", "HTTPClient"], swiftSettings: settings) }
    + [
        // What a JSON HTTP API on HTTPServer needs, knowing no domain: routes and their request context, strict JSON
        // decoding, RFC 9457 problems, OpenAPI documents.
        .target(name: "HTTPAPI", dependencies: ["Kernel", "HTTPServer"], swiftSettings: settings),
        // The operator dashboard: server-rendered pages over four domains, served as routes by the Gateway.
        .target(
            name: "Dashboard",
            dependencies: ["HTTPAPI", "HTTPServer", "Kernel", "Accounts", "Billing", "RateLimit", "Webhooks"],
            swiftSettings: settings
        ),
        // Maps HTTP to the domain actors: the API areas, authentication, quotas, idempotency, system endpoints.
        .target(
            name: "Gateway",
            dependencies: ["HTTPAPI", "Kernel", "HTTPServer"] + domains.map { .init(stringLiteral: $0) },
            swiftSettings: settings
        ),
        // Command-line parsing: every setting (flags with environment twins, test knobs) parsed once into ServeOptions.
        .target(name: "OperatorCLI", dependencies: ["Kernel", "Accounts", "Billing"], swiftSettings: settings),
        // The one assembly: the database, the bus, the domain actors and the gateway wired together, the
        // background services and the commands. The binary, the tests and the benchmarks all build from it.
        .target(
            name: "Assembly",
            dependencies: ["OperatorCLI", "Kernel", "HTTPServer", "HTTPAPI", "Gateway", "Dashboard"] + domains.map { .init(stringLiteral: $0) },
            swiftSettings: settings
        ),
        // The executable: parses the command line and runs the command; no logic.
        .executableTarget(name: "operator-api", dependencies: ["Assembly", "OperatorCLI"], swiftSettings: settings),
        // Release-mode benchmarks; results go to BENCHMARKS.md.
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["Assembly", "Kernel", "HTTPServer", "HTTPClient", "Accounts", "Webhooks", "Strategies", "RateLimit"],
            path: "Benchmarks",
            swiftSettings: settings
        ),

        // Helpers the domain test targets share (never linked into the product).
        .target(name: "TestSupport", dependencies: ["Kernel"], path: "Tests/Support", swiftSettings: settings),
        // The assembled system in process and the publishers' own payloads, for tests that drive or play modules.
        .target(
            name: "APITestSupport",
            dependencies: ["Assembly", "Gateway", "HTTPAPI", "HTTPServer", "Kernel", "TestSupport"] + domains.map { .init(stringLiteral: $0) },
            path: "Tests/APISupport", swiftSettings: settings
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "CSQLite", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "HTTPAPITests", dependencies: ["HTTPAPI", "HTTPServer", "Kernel"], swiftSettings: settings),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPCore", "CTLS"], swiftSettings: settings),
        // The API areas' tests drive the Gateway over real domain actors.
        .testTarget(
            name: "GatewayTests",
            dependencies: ["APITestSupport", "Gateway", "HTTPAPI", "HTTPServer", "Kernel", "TestSupport"] + domains.map { .init(stringLiteral: $0) },
            swiftSettings: settings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["APITestSupport", "Dashboard", "HTTPAPI", "HTTPServer", "Kernel", "TestSupport", "Accounts", "Webhooks", "Billing"],
            swiftSettings: settings
        ),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Kernel", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks", "Kernel", "HTTPServer", "HTTPClient", "TestSupport"], swiftSettings: settings),
        .testTarget(name: "RateLimitTests", dependencies: ["RateLimit", "Kernel", "TestSupport", "APITestSupport", "Accounts"], swiftSettings: settings),
        // Plays Accounts on the bus with Accounts' own payload types (APITestSupport's mocks).
        .testTarget(name: "StrategiesTests", dependencies: ["Strategies", "Kernel", "TestSupport", "APITestSupport", "Accounts"], swiftSettings: settings),
        // Plays Accounts and Strategies on the bus with their own payload types (APITestSupport's mocks).
        .testTarget(
            name: "BillingTests", dependencies: ["Billing", "Kernel", "TestSupport", "APITestSupport", "Accounts", "Strategies"],
            swiftSettings: settings
        ),
        .testTarget(name: "OperatorCLITests", dependencies: ["OperatorCLI", "Accounts", "Billing"], swiftSettings: settings),
        // Whole stories across the domains on one bus (no Gateway), and the event contracts between them.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Assembly", "APITestSupport", "HTTPServer", "HTTPClient", "Kernel", "TestSupport"] + domains.map { .init(stringLiteral: $0) },
            swiftSettings: settings
        ),
        .testTarget(name: "ArchitectureTests", dependencies: ["TestSupport"], swiftSettings: settings),
    ]
)
