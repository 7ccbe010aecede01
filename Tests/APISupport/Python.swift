import Dispatch
import Foundation

/// Runs `python3` with arguments and collects its output. The blocking wait happens on a Dispatch queue, never on
/// Swift's cooperative pool: on a 2-core machine a test blocking a pool thread for a second would stall every other
/// test's tasks (and time out the HTTP server's handler-deadline tests).
public enum Python {
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = ["python3"] + arguments
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
