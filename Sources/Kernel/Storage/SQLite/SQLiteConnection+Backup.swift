import CSQLite

extension SQLiteConnection {
    /// Copies the whole database to a new file at `destination` (mode 0600) with the online backup API, from this
    /// connection's snapshot while the database stays in use (https://www.sqlite.org/backup.html).
    func backup(to destination: String) throws {
        try DatabaseFile.replacePrivately(destination)
        let target = try SQLiteConnection(path: destination, role: .writer(.full))
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw Self.error(target.handle, sqlite3_errcode(target.handle), sql: nil)
        }
        var rc: Int32
        repeat { rc = sqlite3_backup_step(backup, -1) } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw Self.error(target.handle, rc, sql: nil) }
    }

    /// The result of `PRAGMA integrity_check`: `["ok"]` for a sound database, otherwise the problems found.
    func integrityCheck() throws -> [String] {
        try query("PRAGMA integrity_check").compactMap { String(sqlValue: $0[0]) }
    }
}
