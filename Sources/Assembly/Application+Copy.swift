import Foundation
import Kernel
import OperatorCLI

extension Application {
    /// `copy`: moves a stopped SQLite installation into an empty PostgreSQL database. Refuses while another process
    /// has the SQLite file open, and unless the installation's master key file is readable (the copied webhook secrets
    /// stay sealed under it, so every server on the target needs that same file). Migrates both databases, copies
    /// and verifies every table (``DatabaseCopy``), and returns what to tell the operator.
    public static func copy(_ options: ServeOptions, from sqlitePath: String, to url: String) async throws -> String {
        let source = StorageLocation.sqlite(path: sqlitePath), target = StorageLocation.postgres(url: url)
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw CopyError(.sourceMissing, "no SQLite database at \(sqlitePath)")
        }
        if SQLiteFileUse.isOpenElsewhere(sqlitePath) {
            throw CopyError(.sourceInUse, "another process has \(sqlitePath) open: stop the server before copying")
        }
        let keyFile = try MasterKeyFile.path(configured: options.masterKeyFile, for: source)
        guard FileManager.default.fileExists(atPath: keyFile) else {
            throw CopyError(.masterKeyMissing, "no master key file at \(keyFile): pass --master-key-file with the file the server used")
        }
        let key = try MasterKeyFile.load(keyFile).key
        let from = try Database(location: source, clock: SystemClock(), settings: options.storageSettings)
        let to = try Database(location: target, clock: SystemClock(), settings: options.storageSettings)
        let report: CopyReport
        do {
            try await from.migrate(Services.migrations)
            try await to.migrate(Services.migrations)
            report = try await DatabaseCopy(source: from, target: to).run()
        } catch {
            await from.close()
            await to.close()
            throw error
        }
        await from.close()
        await to.close()
        return """
            Copied \(report.totalRows) rows in \(report.tables.count) tables from \(source) to \(target); every table's row count matches:
            \(report.summary)
            The webhook signing secrets stay sealed under the master key in \(keyFile) (key id \(key.id.hexString)).
            Start every server on the new database with --master-key-file set to a copy of that file (mode 0600), e.g.
              operator-api serve --db '\(target)' --master-key-file \(keyFile)
            """
    }
}
