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
                try await Application.backup(options, to: destination)
                print("backup written to \(destination)")
                print("To restore it you also need the master key file \(options.masterKeyPath): keep a copy of it, apart from the backup.")
            case .rotateMasterKey(let newKeyFile, let options):
                print(try await Application.rotateMasterKey(options, newKeyFile: newKeyFile))
            case .createOperator(let arguments, let options):
                print(try await Application.createOperator(arguments, options))
            case .serve(let options):
                try await Application(options: options).serve()
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }
}
