import CTLS

/// An OpenSSL client context: TLS 1.2 or later, the peer's certificate verified against the trust store (the
/// system's, or the configured authorities), no compression. Each I/O thread makes its own on first use and keeps
/// it for its connections.
final class TLSContext {
    let pointer: OpaquePointer

    init(trustedCertificates: [String]?) throws(HTTPClientError) {
        guard let pointer = SSL_CTX_new(TLS_client_method()) else { throw Self.failure("cannot create a TLS context") }
        self.pointer = pointer
        guard ctls_set_min_protocol_version(pointer, TLS1_2_VERSION) == 1 else { throw Self.failure("cannot require TLS 1.2") }
        SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
        ctls_set_client_modes(pointer)
        ctls_ignore_unexpected_eof(pointer)
        guard let trustedCertificates else {
            guard SSL_CTX_set_default_verify_paths(pointer) == 1 else { throw Self.failure("cannot load the system trust store") }
            return
        }
        let store = SSL_CTX_get_cert_store(pointer)
        for pem in trustedCertificates {
            let certificate = pem.utf8CString.withUnsafeBufferPointer { text -> OpaquePointer? in
                guard let bio = BIO_new_mem_buf(text.baseAddress, Int32(text.count - 1)) else { return nil }
                defer { BIO_free(bio) }
                return PEM_read_bio_X509(bio, nil, nil, nil)
            }
            guard let certificate else { throw Self.failure("a trusted certificate is not PEM") }
            defer { X509_free(certificate) }
            guard X509_STORE_add_cert(store, certificate) == 1 else { throw Self.failure("cannot trust a certificate") }
        }
    }

    deinit { SSL_CTX_free(pointer) }

    private static func failure(_ what: String) -> HTTPClientError {
        HTTPClientError(.tls, "\(what): \(TLSSession.lastErrorMessage() ?? "no detail")")
    }
}
