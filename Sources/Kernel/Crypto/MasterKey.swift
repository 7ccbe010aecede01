/// The server's master key: 32 secret bytes under which what the database must hold readable is sealed (webhook
/// signing secrets, which are read back to sign) and from which the keys of idempotent answers are derived. It
/// lives in a file of its own next to the database, never inside it (``MasterKeyFile``), so the database, its WAL
/// and its backups alone reveal none of those secrets.
public struct MasterKey: Sendable {
    public static let length = 32

    private let bytes: [UInt8]
    /// A public fingerprint of the key (8 bytes), which every sealed value carries: a value sealed under another
    /// master key (before a rotation, or from the wrong key file) is known as such, not taken for a damaged one.
    public let id: [UInt8]

    /// The key made of exactly 32 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.bytes = bytes
        id = Array(Digest.hmacSHA256(key: bytes, message: Array("operator-api master key id".utf8)).prefix(8))
    }

    /// A new key from the system's CSPRNG.
    public static func generate() -> MasterKey { MasterKey(bytes: SecureRandom.bytes(length))! }

    /// A 32-byte key for one `purpose` (and, within it, one `context`), derived with HKDF-SHA256: keys for
    /// different purposes or contexts are unrelated, and none reveals the master key.
    public func derive(_ purpose: String, context: [UInt8] = []) -> [UInt8] {
        Digest.hkdfSHA256(key: bytes, salt: Array("operator-api/v1".utf8), info: Array(purpose.utf8) + [0] + context)
    }

    /// The key as its file holds it.
    var fileContents: [UInt8] { bytes }
}
