import Assembly
import Foundation
import OperatorCLI

/// The binary's entry point: parse the command line, run the command, exit with its status.
@main
enum OperatorAPI {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command: Command
        do {
            command = try CommandLineParser.parse(arguments, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n\n\(Usage.text(for: error.subcommand))".utf8))
            exit(UsageError.exitStatus)
        }
        do {
            switch command {
            case .help(let topic):
                print(Usage.text(for: topic), terminator: "")
            case .version:
                print("operator-api \(Application.version)")
            case .migrate(let options):
                let applied = try await Application.migrate(options)
                print("applied \(applied.count) migration(s)")
            case .backup(let destination, let options):
                switch try await Application.backup(options, to: destination) {
                case .written:
                    print("backup written to \(destination)")
                    print("To restore it you also need the master key file \(try options.masterKeyPath()): keep a copy of it, apart from the backup.")
                case .usePgDump(let command):
                    FileHandle.standardError.write(Data("error: operator-api backs up SQLite files only; back up PostgreSQL with pg_dump:\n".utf8))
                    print(command)
                    exit(UsageError.exitStatus)
                }
            case .copy(let from, let to, let options):
                print(try await Application.copy(options, from: from, to: to))
            case .rotateMasterKey(let newKeyFile, let options):
                print(try await Application.rotateMasterKey(options, newKeyFile: newKeyFile))
            case .createOperator(let arguments, let options):
                print(try await Application.createOperator(arguments, options))
            case .serve(let options):
                try await Application(options: options).serve()
            }
        } catch {
            let failure = Application.Failure(error)
            FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
            exit(failure.exitStatus)
        }
    }
}
