import Foundation
import Kernel
import OperatorCLI
import Webhooks

extension Application {
    /// `master-key rotate`: re-seals every webhook signing secret under the key in `newKeyFile` (created when
    /// missing), reading them with the current key file, which must exist. One transaction; secrets already under
    /// the new key are skipped, so an interrupted rotation can be run again. Run it with the server stopped.
    /// Returns what to tell the operator.
    public static func rotateMasterKey(_ options: ServeOptions, newKeyFile: String) async throws -> String {
        let oldFile = try options.masterKeyPath()
        guard URL(fileURLWithPath: oldFile).standardizedFileURL != URL(fileURLWithPath: newKeyFile).standardizedFileURL else {
            throw SealingError(.keyFileUnavailable, "the new key file must not be the current one (\(oldFile))")
        }
        let current = try MasterKeyFile.load(oldFile).key
        let next = try MasterKeyFile.loadOrCreate(newKeyFile).key
        let database = try open(options)
        try await database.migrate(Services.migrations)
        var settings = Webhooks.Settings()
        settings.masterKey = current
        let webhooks = Webhooks(database: database, transport: HTTPClientTransport(allowPrivateTargets: false), settings: settings)
        let resealed = try await webhooks.resealStoredSecrets(under: next)
        return """
            Re-sealed \(resealed) webhook signing secret(s) under the key in \(newKeyFile) (key id \(next.id.hexString)).
            Start the server with --master-key-file \(newKeyFile) (or OPERATOR_API_MASTER_KEY_FILE). Keep \(oldFile) for as long as
            you keep backups made before now: they need it.
            """
    }
}
