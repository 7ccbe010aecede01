import Foundation

/// The help texts.
public enum Usage {
    public static func text(for subcommand: Subcommand?) -> String {
        switch subcommand {
        case nil, .help?:
            return """
                operator-api: the operator API of the trading-strategy platform (REST, webhooks, billing, quotas).

                usage: operator-api <command> [options]

                commands:
                  serve            run the API server (HTTP, event bus, background jobs)
                  migrate          apply pending database migrations and exit
                  backup <file>    write an online backup of the SQLite database to <file> (PostgreSQL: prints
                                   the pg_dump command to run instead and exits 2)
                  copy --from FILE --to URL
                                   copy a stopped SQLite installation into an empty PostgreSQL database
                  operators create --name NAME --slug SLUG [--tier TIER] [--login-base-url URL]
                                   create an operator and print it with its live and test keys
                  master-key rotate --new-key-file FILE
                                   re-seal the secrets at rest under the key in FILE (made if missing)
                  version          print the version
                  help [command]   print help; every command also takes --help


                """ + optionsText
        case .serve?:
            return "usage: operator-api serve [options]\n\nRuns until SIGTERM or SIGINT, then drains and exits 0.\n\n" + optionsText
        case .migrate?:
            return "usage: operator-api migrate [options]\n\nApplies every pending migration and exits.\n\n" + optionsText
        case .backup?:
            return "usage: operator-api backup <file> [options]\n\nCopies the SQLite database to <file> while it stays in use. A PostgreSQL "
                + "database is backed up with pg_dump: for a postgres:// --db this prints the command and exits 2.\n\n" + optionsText
        case .copy?:
            return "usage: operator-api copy --from FILE --to postgres://… [--master-key-file FILE] [options]\n\n"
                + "Copies a stopped SQLite installation (FILE; $OPERATOR_API_COPY_FROM) into an empty PostgreSQL database (the URL;\n"
                + "$OPERATOR_API_COPY_TO). Both are migrated first; the copy refuses a target holding any row, or an SQLite file\n"
                + "another process has open (stop the server), then copies every table, moves PostgreSQL's sequences past the\n"
                + "copied numbers and checks every table's row count. The webhook secrets stay sealed under the installation's\n"
                + "master key (--master-key-file, default FILE.master-key): the command names it; start every server on the\n"
                + "new database with --master-key-file set to a copy of it.\n\n" + optionsText
        case .operators?:
            return "usage: operator-api operators create --name NAME --slug SLUG [--tier TIER] [--login-base-url URL] [options]\n\n"
                + "Creates an operator and prints it with its live and test keys (shown this once).\n\n" + optionsText
        case .masterKey?:
            return "usage: operator-api master-key rotate --new-key-file FILE [options]\n\n"
                + "Re-seals the webhook signing secrets under the key in FILE (32 random bytes written there, mode 0600, when it does\n"
                + "not exist), reading them with the current key (--master-key-file). Stop the server first; start it again with\n"
                + "--master-key-file FILE. Answers stored for Idempotency-Key replays stay sealed under the old key: replaying one\n"
                + "is refused (422) until they expire (24 h). Keep the old file as long as backups made before the rotation.\n\n"
                + optionsText
        case .version?:
            return "usage: operator-api version\n"
        }
    }

    static var optionsText: String {
        var lines = ["options (each has an environment twin):"]
        let column = 26
        for spec in OptionSpec.all {
            let flag = spec.flag + (spec.placeholder.map { " " + $0 } ?? "")
            let described = spec.summary + "  [$\(spec.environment)]"
            // A flag too long for the column gets a line of its own, its description below it.
            lines.append(flag.count < column
                ? "  " + flag.padding(toLength: column, withPad: " ", startingAt: 0) + described
                : "  " + flag + "\n" + String(repeating: " ", count: column + 2) + described)
        }
        lines += ["", "environment only: WhatsApp low-balance alerts (all three or none):"]
        for (name, placeholder, summary) in WhatsAppSettings.documented {
            lines.append("  " + "$\(name)=\(placeholder)".padding(toLength: 48, withPad: " ", startingAt: 0) + summary)
        }
        lines += ["", "environment only: PostgreSQL"]
        for spec in EnvironmentSpec.postgres {
            lines.append("  " + "$\(spec.name)=\(spec.placeholder)".padding(toLength: 48, withPad: " ", startingAt: 0) + spec.summary)
        }
        lines += ["", "environment only: test knobs (never set them in production):"]
        for spec in EnvironmentSpec.knobs {
            lines.append("  " + "$\(spec.name)=\(spec.placeholder)".padding(toLength: 48, withPad: " ", startingAt: 0) + spec.summary)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
