import Kernel

/// Endpoint signing secrets as the database keeps them: sealed under the server's master key (they are read back to
/// sign, so they cannot be hashed), each bound to its endpoint's id so that a sealed secret copied to another row
/// does not open. The stored text is `sealed:` and the base64 of the sealed value; a release before 0.2 stored the
/// plain `whsec_…`, which ``Webhooks/sealStoredSecrets()`` seals at start-up.
struct EndpointSecrets: Sendable {
    static let prefix = "sealed:"
    private let sealer: Sealer?

    init(masterKey: MasterKey?) { sealer = masterKey.map { Sealer($0, purpose: "webhook endpoint secret") } }

    func seal(_ secret: String, endpointID: String) throws -> String {
        Self.prefix + Base64.encode(try configured().seal(Array(secret.utf8), associated: Array(endpointID.utf8)))
    }

    /// - Throws: ``SealingError`` when the text is no sealed secret of this endpoint under this master key.
    func open(_ stored: String, endpointID: String) throws -> String {
        guard let sealed = Self.sealedBytes(stored) else { throw SealingError(.damaged, "endpoint \(endpointID)'s secret is not sealed") }
        return String(decoding: try configured().open(sealed, associated: Array(endpointID.utf8)), as: UTF8.self)
    }

    /// `endpoint` as read from its row (secret sealed), with its secret opened.
    func revealed(_ endpoint: WebhookEndpoint) throws -> WebhookEndpoint {
        endpoint.with(secret: try open(endpoint.secret, endpointID: endpoint.id))
    }

    /// The id of the master key a stored secret is sealed under; nil for a plain (not yet sealed) one.
    static func keyID(of stored: String) -> [UInt8]? { sealedBytes(stored).flatMap(Sealer.keyID(of:)) }

    private static func sealedBytes(_ stored: String) -> [UInt8]? {
        stored.hasPrefix(prefix) ? Base64.decode(String(stored.dropFirst(prefix.count))) : nil
    }

    private func configured() throws(SealingError) -> Sealer {
        guard let sealer else { throw SealingError(.noMasterKey, "webhook secrets need the master key: set Webhooks.Settings.masterKey") }
        return sealer
    }
}
