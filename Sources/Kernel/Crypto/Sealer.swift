/// Seals values for storage under a key derived from the ``MasterKey`` for one purpose: AES-256-GCM with a random
/// nonce. A sealed value is `version (1) ‖ master key id (8) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`; the version
/// and key id are authenticated with it. A `context` derives a key of its own (so a value opens only for the same
/// context: the same caller and request, say); `associated` data binds a value to where it is kept (a row's id),
/// so a sealed value copied elsewhere does not open.
public struct Sealer: Sendable {
    static let version: UInt8 = 1
    static let headerLength = 1 + 8 + AESGCM.nonceLength

    public let masterKey: MasterKey
    public let purpose: String

    public init(_ masterKey: MasterKey, purpose: String) {
        self.masterKey = masterKey
        self.purpose = purpose
    }

    public func seal(_ plaintext: [UInt8], context: [UInt8] = [], associated: [UInt8] = []) -> [UInt8] {
        let header = [Self.version] + masterKey.id + SecureRandom.bytes(AESGCM.nonceLength)
        let key = masterKey.derive(purpose, context: context)
        return header + AESGCM.seal(plaintext, key: key, nonce: Array(header.suffix(AESGCM.nonceLength)), associated: header + associated)
    }

    /// - Throws: ``SealingError`` `sealedUnderAnotherKey` or `damaged`.
    public func open(_ sealed: [UInt8], context: [UInt8] = [], associated: [UInt8] = []) throws(SealingError) -> [UInt8] {
        guard let keyID = Self.keyID(of: sealed) else { throw SealingError(.damaged, "not a sealed value") }
        guard keyID == masterKey.id else {
            throw SealingError(.sealedUnderAnotherKey, "sealed under master key \(keyID.hexString), not \(masterKey.id.hexString)")
        }
        let header = Array(sealed.prefix(Self.headerLength))
        let key = masterKey.derive(purpose, context: context)
        guard let plaintext = AESGCM.open(Array(sealed.dropFirst(Self.headerLength)), key: key, nonce: Array(header.suffix(AESGCM.nonceLength)),
                                          associated: header + associated)
        else { throw SealingError(.damaged, "the sealed value does not open: changed, or sealed for another context") }
        return plaintext
    }

    /// The id of the master key `sealed` was sealed under; nil when it is no sealed value of this format.
    public static func keyID(of sealed: [UInt8]) -> [UInt8]? {
        guard sealed.count >= headerLength + AESGCM.tagLength, sealed[0] == version else { return nil }
        return Array(sealed[1..<9])
    }
}
