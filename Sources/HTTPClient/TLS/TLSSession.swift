import CTLS
import Glibc

/// One TLS connection over a non-blocking socket: handshake, read, write, each of which may ask to wait for the
/// socket to become readable or writable. Confined to its connection's I/O thread (OpenSSL's error queue is
/// per thread, and is cleared before every call).
final class TLSSession {
    /// What a handshake step, a read or a write did.
    enum Progress: Equatable {
        case transferred(Int)
        /// The handshake is complete.
        case done
        case endOfFile
        case wantRead
        case wantWrite
        case failed(String)
    }

    private let ssl: OpaquePointer

    /// Sets up the client side on `fd`: SNI and hostname verification for a name, address verification for an IP
    /// literal (which is never sent as SNI, RFC 6066 §3).
    init(context: TLSContext, fd: Int32, host: String, isAddress: Bool) throws(HTTPClientError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer) else {
            throw HTTPClientError(.tls, "cannot create a TLS session: \(Self.lastErrorMessage() ?? "no detail")")
        }
        self.ssl = ssl
        SSL_set_connect_state(ssl)
        let configured = SSL_set_fd(ssl, fd) == 1 && (isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1
            : ctls_set_server_name(ssl, host) == 1 && SSL_set1_host(ssl, host) == 1)
        guard configured else { throw HTTPClientError(.tls, "cannot verify \(host): \(Self.lastErrorMessage() ?? "not a valid name")") }
    }

    deinit { SSL_free(ssl) }

    func handshake() -> Progress {
        ERR_clear_error()
        let result = SSL_connect(ssl)
        return result == 1 ? .done : progress(after: result)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Progress {
        ERR_clear_error()
        let result = SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
        return result > 0 ? .transferred(Int(result)) : progress(after: result)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Progress {
        ERR_clear_error()
        let result = SSL_write(ssl, bytes.baseAddress, Int32(clamping: bytes.count))
        return result > 0 ? .transferred(Int(result)) : progress(after: result)
    }

    /// What the completed handshake negotiated: the version, and the peer certificate's expiry.
    func details() -> TLSDetails {
        var expiry: Int64?
        if let certificate = SSL_get1_peer_certificate(ssl) {
            var time = tm()
            if let notAfter = X509_get0_notAfter(certificate), ASN1_TIME_to_tm(notAfter, &time) == 1 {
                expiry = Int64(timegm(&time))
            }
            X509_free(certificate)
        }
        return TLSDetails(version: String(cString: SSL_get_version(ssl)), certificateExpiresAt: expiry)
    }

    /// Sends close_notify if the socket takes it now; never waits for the peer's.
    func shutdown() {
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
    }

    private func progress(after result: Int32) -> Progress {
        let code = errno
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN: return .endOfFile
        case SSL_ERROR_SYSCALL where code == 0 && ERR_peek_error() == 0: return .endOfFile
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0: return .failed(String(cString: strerror(code)))
        default:
            let verification = SSL_get_verify_result(ssl)
            if verification != X509_V_OK {
                return .failed("certificate verify failed: \(String(cString: X509_verify_cert_error_string(verification)))")
            }
            return .failed(Self.lastErrorMessage() ?? "handshake failed")
        }
    }

    /// OpenSSL's most recent error on this thread, as text (`error:0A00010B:SSL routines::wrong version number`).
    static func lastErrorMessage() -> String? {
        let code = ERR_get_error()
        guard code != 0 else { return nil }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
