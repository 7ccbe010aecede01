import Glibc

/// Whether another process has an SQLite database open, read from the POSIX locks SQLite takes: every connection to
/// a WAL database holds a shared lock on the `-shm` file's dead-man-switch byte for as long as it is open, and a
/// connection in exclusive locking mode locks the database file's lock bytes instead. Locks this process holds are
/// not reported (`F_GETLK` shows other processes' only), so ask before opening the file.
enum SQLiteFileUse {
    static func isOpenElsewhere(_ path: String) -> Bool {
        // The shared-memory file: the WAL locks and the dead-man switch, bytes 120…128.
        locked(path + "-shm", from: 120, length: 9)
            // The database file: the pending, reserved and shared lock bytes at 1 GiB.
            || locked(path, from: 0x4000_0000, length: 512)
    }

    /// Whether another process holds any lock on the byte range of the file at `path` (false when it does not exist).
    private static func locked(_ path: String, from start: Int, length: Int) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = off_t(start)
        probe.l_len = off_t(length)
        guard fcntl(descriptor, F_GETLK, &probe) == 0 else { return false }
        return probe.l_type != Int16(F_UNLCK)
    }
}
