import Foundation
import Glibc

/// Creates database files readable by their owner only. SQLite creates a database's `-wal` and `-shm` with the
/// database file's own permissions, so a file made 0600 here keeps all three private.
enum DatabaseFile {
    /// Creates an empty file at `path` with mode 0600 (and its folder) unless a file is already there, which is
    /// left as it is.
    static func createPrivately(_ path: String) throws {
        try createFolder(of: path)
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw StorageError(.cannotOpen, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Makes sure the file at `path`, about to receive a full copy of the database, exists with mode 0600.
    static func replacePrivately(_ path: String) throws {
        try createPrivately(path)
        guard chmod(path, 0o600) == 0 else {
            throw StorageError(.cannotOpen, "cannot restrict \(path) to its owner: \(String(cString: strerror(errno)))")
        }
    }

    private static func createFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.cannotOpen, "cannot create the folder \(folder): \(error)")
        }
    }
}
