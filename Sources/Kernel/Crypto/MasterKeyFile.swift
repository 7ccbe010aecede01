import Foundation
import Glibc

/// Where the ``MasterKey`` lives: a file of 32 raw bytes (or their base64, as `openssl rand -base64 32` writes it),
/// readable by its owner only, kept beside the database and backed up apart from it.
public enum MasterKeyFile {
    /// What loading found.
    public struct Loaded: Sendable {
        public let key: MasterKey
        /// Whether the file was just created (a first start).
        public let created: Bool
        /// Whether the file's mode lets its group or others read it.
        public let readableByOthers: Bool
    }

    /// The key file of the database at `databasePath` unless one is configured: `<database>.master-key`, beside it.
    public static func defaultPath(forDatabase databasePath: String) -> String { databasePath + ".master-key" }

    /// The key file to use: the one `configured`, else beside an SQLite database. A PostgreSQL database has no
    /// "beside", and every server on it must use the same key: it needs one configured.
    public static func path(configured: String?, for location: StorageLocation) throws(SealingError) -> String {
        if let configured { return configured }
        switch location {
        case .sqlite(let path): return defaultPath(forDatabase: path)
        case .postgres:
            throw SealingError(.keyFileUnavailable,
                               "a PostgreSQL database needs --master-key-file (or OPERATOR_API_MASTER_KEY_FILE): every server on it must use the same key")
        }
    }

    /// The key at `path`, or a new one written there (32 random bytes, mode 0600, flushed to disk with its folder
    /// entry) when there is no file.
    public static func loadOrCreate(_ path: String) throws(SealingError) -> Loaded {
        if access(path, F_OK) != 0 && errno == ENOENT, let created = try create(path) {
            return Loaded(key: created, created: true, readableByOthers: false)
        }
        return try load(path)
    }

    /// The key at `path`, which must exist.
    public static func load(_ path: String) throws(SealingError) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SealingError(.keyFileUnavailable, "cannot read the master key file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = MasterKey(bytes: bytes) ?? Base64.decode(text).flatMap(MasterKey.init(bytes:)) else {
            throw SealingError(.keyFileMalformed, "the master key file \(path) must hold 32 bytes, raw or in base64")
        }
        var status = stat()
        let readableByOthers = stat(path, &status) == 0 && status.st_mode & 0o077 != 0
        return Loaded(key: key, created: false, readableByOthers: readableByOthers)
    }

    /// Writes a new key to `path`; nil when a file appeared there meanwhile (then it is loaded instead).
    private static func create(_ path: String) throws(SealingError) -> MasterKey? {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return nil }
            throw SealingError(.keyFileUnavailable, "cannot create the master key file \(path): \(String(cString: strerror(errno)))")
        }
        let key = MasterKey.generate()
        let written = key.fileContents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == MasterKey.length, synced, syncFolder(folder.isEmpty ? "." : folder) else {
            unlink(path)
            throw SealingError(.keyFileUnavailable, "cannot write the master key file \(path): \(String(cString: strerror(errno)))")
        }
        return key
    }

    /// Flushes a folder's entries, so a new file in it survives a power cut.
    private static func syncFolder(_ folder: String) -> Bool {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }
}
