import CCrypto

/// libcrypto's algorithms, fetched from its default provider once. OpenSSL 3 looks an algorithm up in the provider's
/// tables on every call of an API that names it implicitly (`SHA256()`, `EVP_sha256()`, `EVP_PKEY_CTX_new_id`), under
/// locks every thread shares; an explicitly fetched one skips that. Fetched objects are immutable and safe to use
/// from any thread, and live as long as the process.
enum FetchedAlgorithms {
    nonisolated(unsafe) static let sha256: OpaquePointer = fetch(EVP_MD_fetch(nil, "SHA256", nil), "SHA256")
    nonisolated(unsafe) static let hkdf: OpaquePointer = fetch(EVP_KDF_fetch(nil, "HKDF", nil), "HKDF")

    private static func fetch(_ algorithm: OpaquePointer?, _ name: String) -> OpaquePointer {
        guard let algorithm else { preconditionFailure("libcrypto's default provider has no \(name)") }
        return algorithm
    }
}
