import Accounts
import Kernel

/// Turns `argv` and the environment into a ``Command``. Hand-written: the project takes no packages.
public enum CommandLineParser {
    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> Command {
        guard let first = arguments.first else { return .help(nil) }
        if first == "--help" || first == "-h" { return .help(nil) }
        if first == "--version" { return .version }
        guard let subcommand = Subcommand(rawValue: first) else {
            throw UsageError("unknown command '\(first)'")
        }
        var rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") { return .help(subcommand) }
        do throws(UsageError) {
            switch subcommand {
            case .help:
                guard rest.count <= 1 else { throw UsageError("help takes at most one command") }
                guard let topic = rest.first else { return .help(nil) }
                guard let sub = Subcommand(rawValue: topic) else { throw UsageError("unknown command '\(topic)'") }
                return .help(sub)
            case .version:
                guard rest.isEmpty else { throw UsageError("version takes no arguments") }
                return .version
            case .serve:
                return .serve(try options(&rest, environment))
            case .migrate:
                return .migrate(try options(&rest, environment))
            case .backup:
                let options = try options(&rest, environment)
                guard rest.count == 1, let file = rest.first, !file.hasPrefix("-") else {
                    throw UsageError("backup needs exactly one destination file")
                }
                return .backup(destination: file, options)
            case .copy:
                return try copy(&rest, environment)
            case .operators:
                guard rest.first == "create" else { throw UsageError("operators takes one action: create") }
                rest.removeFirst()
                let fields = try values(of: ["--name", "--slug", "--tier", "--login-base-url"], in: &rest)
                let options = try options(&rest, environment)
                if let extra = rest.first { throw UsageError("unexpected argument '\(extra)'") }
                guard let name = fields["--name"], let slug = fields["--slug"] else {
                    throw UsageError("operators create needs --name and --slug")
                }
                return .createOperator(
                    NewOperator(name: name, slug: slug, tier: fields["--tier"], loginBaseURL: fields["--login-base-url"]), options)
            case .masterKey:
                guard rest.first == "rotate" else { throw UsageError("master-key takes one action: rotate") }
                rest.removeFirst()
                let fields = try values(of: ["--new-key-file"], in: &rest)
                let options = try options(&rest, environment)
                if let extra = rest.first { throw UsageError("unexpected argument '\(extra)'") }
                guard let newKeyFile = fields["--new-key-file"], !newKeyFile.isEmpty else { throw UsageError("master-key rotate needs --new-key-file") }
                return .rotateMasterKey(newKeyFile: newKeyFile, options)
            }
        } catch {
            var error = error
            error.subcommand = subcommand
            throw error
        }
    }

    /// Reads the environment (flags' twins, test knobs, WhatsApp credentials), then consumes every known flag from
    /// `arguments`, leaving positional ones.
    static func options(_ arguments: inout [String], _ environment: [String: String]) throws(UsageError) -> ServeOptions {
        var options = ServeOptions()
        for spec in OptionSpec.all {
            if let value = environment[spec.environment] { try spec.apply(&options, value) }
        }
        for spec in EnvironmentSpec.postgres + EnvironmentSpec.knobs {
            if let value = environment[spec.name] { try spec.apply(&options, value) }
        }
        options.whatsApp = try WhatsAppSettings.read(environment)
        var positional = [String]()
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("-") else {
                positional.append(argument)
                i += 1
                continue
            }
            let (flag, inline) = split(argument)
            guard let spec = OptionSpec.all.first(where: { $0.flag == flag }) else {
                throw UsageError("unknown option '\(flag)'")
            }
            if spec.takesValue {
                if let inline {
                    try spec.apply(&options, inline)
                    i += 1
                } else {
                    guard i + 1 < arguments.count else { throw UsageError("\(flag) needs a value") }
                    try spec.apply(&options, arguments[i + 1])
                    i += 2
                }
            } else {
                guard inline == nil else { throw UsageError("\(flag) takes no value") }
                try spec.apply(&options, "1")
                i += 1
            }
        }
        arguments = positional
        return options
    }

    /// `copy --from FILE --to URL` (or `OPERATOR_API_COPY_FROM` / `OPERATOR_API_COPY_TO`), with the serve options.
    static func copy(_ rest: inout [String], _ environment: [String: String]) throws(UsageError) -> Command {
        let fields = try values(of: ["--from", "--to"], in: &rest)
        var options = try options(&rest, environment)
        if let extra = rest.first { throw UsageError("unexpected argument '\(extra)'") }
        guard let from = fields["--from"] ?? environment["OPERATOR_API_COPY_FROM"], !from.isEmpty,
              let to = fields["--to"] ?? environment["OPERATOR_API_COPY_TO"], !to.isEmpty else {
            throw UsageError("copy needs --from (the SQLite file) and --to (a postgres:// URL)")
        }
        guard case .sqlite = StorageLocation(from) else { throw UsageError("copy --from takes the SQLite file, not a URL") }
        guard case .postgres = StorageLocation(to) else { throw UsageError("copy --to takes a postgres:// URL") }
        // The master key's default place is beside the SQLite file being copied.
        options.databasePath = from
        return .copy(from: from, to: to, options)
    }

    /// Removes the named value flags (`--name Acme` or `--name=Acme`) from `arguments` and returns their values.
    static func values(of flags: Set<String>, in arguments: inout [String]) throws(UsageError) -> [String: String] {
        var found = [String: String](), rest = [String](), i = 0
        while i < arguments.count {
            let (flag, inline) = split(arguments[i])
            guard flags.contains(flag) else {
                rest.append(arguments[i])
                i += 1
                continue
            }
            if let inline {
                found[flag] = inline
                i += 1
            } else {
                guard i + 1 < arguments.count else { throw UsageError("\(flag) needs a value") }
                found[flag] = arguments[i + 1]
                i += 2
            }
        }
        arguments = rest
        return found
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let eq = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<eq]), String(argument[argument.index(after: eq)...]))
    }
}
