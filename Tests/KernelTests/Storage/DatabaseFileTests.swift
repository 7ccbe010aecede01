import Foundation
import Kernel
import Testing
import TestSupport

/// The database holds secrets (hashed keys, webhook secrets): its files are readable by their owner only.
@Suite(.databases) struct DatabaseFileTests {
    let folder = TemporaryDirectory()

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func open_createsTheDatabaseAndItsWALAndSharedMemoryOwnerOnly() async throws {
        let path = folder.file("nested/folder/db.sqlite")
        let db = try Database(path: path, clock: ManualClock())
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        try await db.write { try $0.execute("INSERT INTO t VALUES (1)") }
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }

    @Test func backup_writesOwnerOnlyFiles_evenOverAnExistingReadableFile() async throws {
        let db = try Database(path: folder.file("db.sqlite"), clock: ManualClock())
        let fresh = folder.file("fresh-backup.sqlite")
        try await db.backup(to: fresh)
        #expect(try mode(fresh) == 0o600)

        let existing = folder.file("old-backup.sqlite")
        #expect(FileManager.default.createFile(atPath: existing, contents: nil, attributes: [.posixPermissions: 0o644]))
        try await db.backup(to: existing)
        #expect(try mode(existing) == 0o600)
        #expect(try await Database(path: existing, clock: ManualClock()).integrityCheck() == ["ok"])
    }
}
