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

    @Test func backup_takesOneDestination() throws {
        #expect(try CommandLineParser.parse(["backup", "out.sqlite", "--db", "x.sqlite"], environment: [:]) == {
            var o = ServeOptions()
            o.databasePath = "x.sqlite"
            return .backup(destination: "out.sqlite", o)
        }())
        #expect(throws: UsageError.self) { try CommandLineParser.parse(["backup"], environment: [:]) }
        #expect(throws: UsageError.self) { try CommandLineParser.parse(["backup", "a", "b"], environment: [:]) }
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
        (["serve", "--durability", "off"], "--durability must be full or normal, not 'off'"),
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
