import Accounts
import Kernel
import OperatorCLI
import Testing

@Suite struct CommandLineParserTests {
    @Test func serve_withoutFlags_usesEmbeddedDefaults() throws {
        let command = try CommandLineParser.parse(["serve"], environment: [:])
        #expect(command == .serve(ServeOptions()))
        guard case .serve(let options) = command else { return }
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 8080)
        #expect(options.databasePath == "./data/operator-api.sqlite")
        #expect(options.durability == .full)
    }

    @Test func durability_isSetByFlagOrByItsEnvironmentTwin() throws {
        guard case .serve(let byFlag) = try CommandLineParser.parse(["serve", "--durability", "normal"], environment: [:]),
              case .serve(let byEnvironment) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_DURABILITY": "normal"]),
              case .serve(let flagWins) = try CommandLineParser.parse(["serve", "--durability=full"], environment: ["OPERATOR_API_DURABILITY": "normal"])
        else { Issue.record("not serve"); return }
        #expect(byFlag.durability == .normal)
        #expect(byEnvironment.durability == .normal)
        #expect(flagWins.durability == .full)
    }

    @Test func flags_overrideTheirEnvironmentTwins() throws {
        let env = ["OPERATOR_API_PORT": "9000", "OPERATOR_API_DB": "/tmp/env.sqlite", "OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1"]
        guard case .serve(let options) = try CommandLineParser.parse(["serve", "--port=9100", "--log-level", "debug"], environment: env)
        else { Issue.record("not serve"); return }
        #expect(options.port == 9100)
        #expect(options.databasePath == "/tmp/env.sqlite")
        #expect(options.webhookAllowPrivate)
        #expect(options.logLevel == .debug)
    }

    @Test func db_withAPostgresURL_selectsPostgreSQL_andAnythingElseIsAnSQLiteFile() throws {
        let url = "postgres://app:secret@db.internal:5432/ops?sslmode=require"
        guard case .migrate(let byFlag) = try CommandLineParser.parse(["migrate", "--db", url], environment: [:]),
              case .serve(let byEnvironment) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_DB": "postgresql://h/db"]),
              case .serve(let file) = try CommandLineParser.parse(["serve", "--db", "./postgres.sqlite"], environment: [:])
        else { Issue.record("not the commands asked for"); return }
        #expect(byFlag.storageLocation == .postgres(url: url))
        #expect(byFlag.storageLocation.description == "postgres://app:***@db.internal:5432/ops?sslmode=require")
        #expect(byEnvironment.storageLocation == .postgres(url: "postgresql://h/db"))
        #expect(file.storageLocation == .sqlite(path: "./postgres.sqlite"))
    }

    @Test func libpq_comesFromTheEnvironmentIntoTheStorageSettings() throws {
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_LIBPQ": "/opt/pg/lib/libpq.so.5"]),
              case .serve(let defaults) = try CommandLineParser.parse(["serve"], environment: [:])
        else { Issue.record("not serve"); return }
        #expect(options.storageSettings.clientLibrary == "/opt/pg/lib/libpq.so.5")
        #expect(defaults.storageSettings.clientLibrary == nil)
        #expect(throws: UsageError.self) { try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_LIBPQ": ""]) }
    }

    @Test func firstByteTimeout_comesFromItsFlagOrEnvironmentTwin() throws {
        #expect(ServeOptions().firstByteTimeout == .seconds(10))
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_FIRST_BYTE_TIMEOUT": "3"])
        else { Issue.record("not serve"); return }
        #expect(options.firstByteTimeout == .seconds(3))
        guard case .serve(let flagged) = try CommandLineParser.parse(["serve", "--first-byte-timeout", "2.5"], environment: ["OPERATOR_API_FIRST_BYTE_TIMEOUT": "3"])
        else { Issue.record("not serve"); return }
        #expect(flagged.firstByteTimeout == .milliseconds(2500))
    }

    @Test func maxConnectionsPerAddress_comesFromItsFlagOrEnvironmentTwin() throws {
        #expect(ServeOptions().maxConnectionsPerAddress == 256)
        let env = ["OPERATOR_API_MAX_CONNECTIONS_PER_ADDRESS": "64"]
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: env)
        else { Issue.record("not serve"); return }
        #expect(options.maxConnectionsPerAddress == 64)
        guard case .serve(let flagged) = try CommandLineParser.parse(["serve", "--max-connections-per-address=1000"], environment: env)
        else { Issue.record("not serve"); return }
        #expect(flagged.maxConnectionsPerAddress == 1000)
    }

    @Test func trustedProxies_comeFromTheirFlagOrEnvironmentTwin_asNetworks() throws {
        #expect(ServeOptions().trustedProxies.isEmpty)
        let env = ["OPERATOR_API_TRUSTED_PROXIES": "10.0.0.0/8, 2001:db8::/32,192.0.2.7"]
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: env),
              case .serve(let flagged) = try CommandLineParser.parse(["serve", "--trusted-proxies=127.0.0.1"], environment: env)
        else { Issue.record("not serve"); return }
        #expect(options.trustedProxies.map(\.description) == ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"])
        #expect(flagged.trustedProxies.map(\.description) == ["127.0.0.1"])
    }

    @Test func metricsToken_comesFromItsFlagOrEnvironmentTwin_andIsNoneByDefault() throws {
        #expect(ServeOptions().metricsToken == nil)
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_METRICS_TOKEN": "scrape-me-0123456789"])
        else { Issue.record("not serve"); return }
        #expect(options.metricsToken == "scrape-me-0123456789")
    }

    @Test func help_printsEveryFlagWhole() {
        let help = Usage.text(for: .serve)
        #expect(help.contains("  --first-byte-timeout SECONDS\n"))
        #expect(help.contains("[$OPERATOR_API_FIRST_BYTE_TIMEOUT]"))
        #expect(help.contains("  --max-connections-per-address COUNT\n"))
        #expect(help.contains("[$OPERATOR_API_MAX_CONNECTIONS_PER_ADDRESS]"))
    }

    @Test func backup_takesOneDestination() throws {
        #expect(try CommandLineParser.parse(["backup", "out.sqlite", "--db", "x.sqlite"], environment: [:]) == {
            var o = ServeOptions()
            o.databasePath = "x.sqlite"
            return .backup(destination: "out.sqlite", o)
        }())
        #expect(throws: UsageError.self) { try CommandLineParser.parse(["backup"], environment: [:]) }
        #expect(throws: UsageError.self) { try CommandLineParser.parse(["backup", "a", "b"], environment: [:]) }
    }

    @Test func copy_takesTheSQLiteFileAndThePostgresURL_fromFlagsOrTheirTwins() throws {
        var expected = ServeOptions()
        expected.databasePath = "old.sqlite"
        expected.masterKeyFile = "k"
        let url = "postgres://app:pw@db/ops"
        #expect(try CommandLineParser.parse(["copy", "--from", "old.sqlite", "--to", url, "--master-key-file", "k"], environment: [:])
            == .copy(from: "old.sqlite", to: url, expected))
        #expect(try CommandLineParser.parse(["copy", "--master-key-file=k"],
                                            environment: ["OPERATOR_API_COPY_FROM": "old.sqlite", "OPERATOR_API_COPY_TO": url])
            == .copy(from: "old.sqlite", to: url, expected))
        #expect(Usage.text(for: nil).contains("copy --from FILE --to URL"))
    }

    @Test(arguments: [
        (["copy", "--to", "postgres://db/ops"], "copy needs --from (the SQLite file) and --to (a postgres:// URL)"),
        (["copy", "--from", "a.sqlite"], "copy needs --from (the SQLite file) and --to (a postgres:// URL)"),
        (["copy", "--from", "a.sqlite", "--to", "b.sqlite"], "copy --to takes a postgres:// URL"),
        (["copy", "--from", "postgres://db/a", "--to", "postgres://db/b"], "copy --from takes the SQLite file, not a URL"),
        (["copy", "--from", "a.sqlite", "--to", "postgres://db/b", "extra"], "unexpected argument 'extra'"),
    ])
    func copy_withoutBothEndsOrWithTheWrongKinds_isAUsageError(arguments: [String], message: String) {
        #expect { try CommandLineParser.parse(arguments, environment: [:]) } throws: { ($0 as? UsageError)?.message == message }
    }

    @Test func help_isAvailableOnEveryCommand() throws {
        for sub in Subcommand.allCases where sub != .help {
            #expect(try CommandLineParser.parse([sub.rawValue, "--help"], environment: [:]) == .help(sub))
            #expect(Usage.text(for: sub).hasPrefix("usage: operator-api \(sub.rawValue)"))
        }
        #expect(try CommandLineParser.parse([], environment: [:]) == .help(nil))
        #expect(try CommandLineParser.parse(["help", "backup"], environment: [:]) == .help(.backup))
    }

    @Test(arguments: [
        (["serve", "--bogus"], "unknown option '--bogus'"),
        (["serve", "--port", "70000"], "--port must be 0…65535, not '70000'"),
        (["serve", "--port"], "--port needs a value"),
        (["serve", "--webhook-allow-private=yes"], "--webhook-allow-private takes no value"),
        (["serve", "--log-level", "loud"], "--log-level must be debug, info, warning or error"),
        (["serve", "--max-connections-per-address", "0"], "--max-connections-per-address must be 1…1000000"),
        (["serve", "--first-byte-timeout", "0.05"], "--first-byte-timeout must be 0.1…3600 seconds"),
        (["serve", "--first-byte-timeout", "soon"], "--first-byte-timeout must be 0.1…3600 seconds"),
        (["serve", "--durability", "off"], "--durability must be full or normal, not 'off'"),
        (["serve", "--trusted-proxies", "10.0.0.0/8,proxy.local"], "--trusted-proxies takes addresses or CIDR blocks separated by commas, not 'proxy.local'"),
        (["serve", "--trusted-proxies", "10.0.0.0/33"], "--trusted-proxies takes addresses or CIDR blocks separated by commas, not '10.0.0.0/33'"),
        (["serve", "--metrics-token", "short"], "--metrics-token must be at least 16 letters, digits or -._~+/="),
        (["serve", "--metrics-token", "has spaces in it, see"], "--metrics-token must be at least 16 letters, digits or -._~+/="),
        (["serve", "--trusted-proxies", "10.0.0.1,"], "--trusted-proxies takes addresses or CIDR blocks separated by commas, not ''"),
        (["launch"], "unknown command 'launch'"),
        (["version", "extra"], "version takes no arguments"),
    ])
    func badCommandLine_isAUsageErrorWithExitStatus2(arguments: [String], message: String) {
        #expect(throws: UsageError(message, subcommand: Subcommand(rawValue: arguments[0]))) {
            try CommandLineParser.parse(arguments, environment: [:])
        }
        #expect(UsageError.exitStatus == 2)
    }

    @Test func badEnvironmentValue_isAUsageError() {
        #expect(throws: UsageError.self) {
            try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_ADMIN_TOKEN": "short"])
        }
    }
}

@Suite struct OperatorsCommandTests {
    @Test func operatorsCreate_takesNameSlugAndOptionalFields_besideTheServeOptions() throws {
        let command = try CommandLineParser.parse(
            ["operators", "create", "--name", "Acme Broking", "--slug=acme", "--tier", "scale", "--db", "x.sqlite"], environment: [:])
        var options = ServeOptions()
        options.databasePath = "x.sqlite"
        #expect(command == .createOperator(NewOperator(name: "Acme Broking", slug: "acme", tier: "scale"), options))
    }

    @Test(arguments: [
        (["operators"], "operators takes one action: create"),
        (["operators", "delete"], "operators takes one action: create"),
        (["operators", "create", "--slug", "acme"], "operators create needs --name and --slug"),
        (["operators", "create", "--name", "A", "--slug", "a", "extra"], "unexpected argument 'extra'"),
        (["operators", "create", "--name"], "--name needs a value"),
    ])
    func operatorsCreate_badArguments_areUsageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(message, subcommand: .operators)) { try CommandLineParser.parse(arguments, environment: [:]) }
    }
}

@Suite struct MasterKeyCommandTests {
    @Test func masterKeyFile_comesFromItsFlagOrEnvironmentTwin_andDefaultsToBesideAnSQLiteDatabaseOnly() throws {
        #expect(ServeOptions().masterKeyFile == nil)
        #expect(try ServeOptions().masterKeyPath() == "./data/operator-api.sqlite.master-key")
        guard case .serve(let options) = try CommandLineParser.parse(["serve", "--db", "/srv/api.sqlite"], environment: [:]),
              case .serve(let configured) = try CommandLineParser.parse(["serve"], environment: ["OPERATOR_API_MASTER_KEY_FILE": "/keys/api.key"])
        else { Issue.record("not serve"); return }
        #expect(try options.masterKeyPath() == "/srv/api.sqlite.master-key")
        #expect(try configured.masterKeyPath() == "/keys/api.key")
        var postgres = ServeOptions()
        postgres.databasePath = "postgres://app@db.internal/ops"
        #expect(throws: SealingError.self) { try postgres.masterKeyPath() }
    }

    @Test func rotate_takesTheNewKeyFile_besideTheServeOptions() throws {
        let command = try CommandLineParser.parse(
            ["master-key", "rotate", "--new-key-file", "/keys/new.key", "--master-key-file=/keys/old.key"], environment: [:])
        var options = ServeOptions()
        options.masterKeyFile = "/keys/old.key"
        #expect(command == .rotateMasterKey(newKeyFile: "/keys/new.key", options))
        #expect(Usage.text(for: .masterKey).contains("master-key rotate --new-key-file FILE"))
    }

    @Test(arguments: [
        (["master-key"], "master-key takes one action: rotate"),
        (["master-key", "rotate"], "master-key rotate needs --new-key-file"),
        (["master-key", "rotate", "--new-key-file", "k", "extra"], "unexpected argument 'extra'"),
        (["master-key", "rotate", "--new-key-file", "k", "--master-key-file="], "--master-key-file needs a file path"),
    ])
    func rotate_badArguments_areUsageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(message, subcommand: .masterKey)) { try CommandLineParser.parse(arguments, environment: [:]) }
    }
}

/// The settings that have no flag: read once with the flags, a bad value refused like a bad flag.
@Suite struct EnvironmentSettingsTests {
    func options(_ environment: [String: String]) throws(UsageError) -> ServeOptions {
        guard case .serve(let options) = try CommandLineParser.parse(["serve"], environment: environment) else { preconditionFailure() }
        return options
    }

    @Test func testKnobs_areParsedIntoTheOneOptionsValue() throws {
        let options = try options([
            "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100", "OPERATOR_API_WEBHOOK_TIMEOUT_MS": "1500",
            "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS": "3", "OPERATOR_API_BENCH_NO_QUOTAS": "1",
        ])
        #expect(options.knobs.webhookRetryBase == .milliseconds(100))
        #expect(options.knobs.webhookAttemptTimeout == .milliseconds(1500))
        #expect(options.knobs.authFailuresPerAddress == 3)
        #expect(!options.knobs.enforceQuotas)
        #expect(try self.options([:]).knobs == TestKnobs())
    }

    @Test(arguments: [
        ("OPERATOR_API_WEBHOOK_RETRY_BASE_MS", "soon"), ("OPERATOR_API_WEBHOOK_RETRY_BASE_MS", "0"),
        ("OPERATOR_API_WEBHOOK_TIMEOUT_MS", "-5"), ("OPERATOR_API_AUTH_FAILURES_PER_ADDRESS", "many"),
        ("OPERATOR_API_BENCH_NO_QUOTAS", "maybe"),
    ])
    func badKnob_isAUsageError_notIgnored(name: String, value: String) {
        #expect(throws: UsageError.self) { try options([name: value]) }
    }

    @Test func whatsApp_needsAllThreeSettings_orNone() throws {
        let full = ["OPERATOR_API_WHATSAPP_URL": "https://graph.facebook.com/v21.0", "OPERATOR_API_WHATSAPP_TOKEN": "t",
                    "OPERATOR_API_WHATSAPP_PHONE_NUMBER_ID": "123"]
        let configured = try #require(try options(full).whatsApp)
        #expect(configured.phoneNumberID == "123" && configured.templateName == "low_balance_alert")
        #expect(configured.endpointDisabledTemplateName == "webhook_endpoint_disabled")
        #expect(try options(full.merging(["OPERATOR_API_WHATSAPP_TEMPLATE": "alert_v2"]) { $1 }).whatsApp?.templateName == "alert_v2")
        #expect(try options(full.merging(["OPERATOR_API_WHATSAPP_ENDPOINT_TEMPLATE": "hooks_v2"]) { $1 }).whatsApp?.endpointDisabledTemplateName == "hooks_v2")
        #expect(throws: UsageError.self) { try options(full.merging(["OPERATOR_API_WHATSAPP_ENDPOINT_TEMPLATE": ""]) { $1 }) }
        #expect(try options([:]).whatsApp == nil)
        for key in full.keys {
            #expect(throws: UsageError.self) { try options(full.filter { $0.key != key }) }
        }
        #expect(throws: UsageError.self) { try options(full.merging(["OPERATOR_API_WHATSAPP_URL": "graph.facebook.com"]) { $1 }) }
    }

    @Test func help_listsEveryEnvironmentOnlySetting() {
        let text = Usage.text(for: .serve)
        for name in ["OPERATOR_API_WEBHOOK_RETRY_BASE_MS", "OPERATOR_API_WEBHOOK_TIMEOUT_MS", "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS",
                     "OPERATOR_API_BENCH_NO_QUOTAS", "OPERATOR_API_WHATSAPP_URL", "OPERATOR_API_WHATSAPP_TOKEN",
                     "OPERATOR_API_WHATSAPP_ENDPOINT_TEMPLATE"] {
            #expect(text.contains("$" + name), "\(name)")
        }
    }
}
