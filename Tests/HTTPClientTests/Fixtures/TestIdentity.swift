import CTLS

/// A key pair and an X.509 certificate made for a test: a certificate authority, or a server certificate signed by
/// one or by itself. EC P-256, valid from an hour ago for a day.
///
/// `@unchecked Sendable`: the OpenSSL objects are never changed after `make` returns, and OpenSSL allows
/// concurrent reads of a certificate and key (up-referenced by each TLS context that uses them).
final class TestIdentity: @unchecked Sendable {
    let key: OpaquePointer
    let certificate: OpaquePointer

    private init(key: OpaquePointer, certificate: OpaquePointer) {
        self.key = key
        self.certificate = certificate
    }

    deinit {
        X509_free(certificate)
        EVP_PKEY_free(key)
    }

    /// A certificate authority that can sign server certificates.
    static func authority(_ name: String = "operator-api test CA") -> TestIdentity {
        make(commonName: name, extensions: [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign")], issuer: nil)
    }

    /// A server certificate for `names` (`IP:127.0.0.1`, `DNS:receiver.test`), signed by `issuer` or by itself.
    static func server(_ names: [String], issuer: TestIdentity?) -> TestIdentity {
        make(commonName: "operator-api test receiver",
             extensions: [(NID_basic_constraints, "CA:FALSE"), (NID_subject_alt_name, names.joined(separator: ","))], issuer: issuer)
    }

    /// The certificate as PEM, as a client's trust list takes it.
    var pem: String {
        let bio = BIO_new(BIO_s_mem())!
        defer { BIO_free(bio) }
        PEM_write_bio_X509(bio, certificate)
        var data: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private static func make(commonName: String, extensions: [(Int32, String)], issuer: TestIdentity?) -> TestIdentity {
        let key = newKey()
        let certificate = X509_new()!
        X509_set_version(certificate, 2)  // v3
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), Int.random(in: 1...Int(Int32.max)))
        X509_gmtime_adj(X509_getm_notBefore(certificate), -3600)
        X509_gmtime_adj(X509_getm_notAfter(certificate), 86400)
        X509_set_pubkey(certificate, key)
        let subject = X509_get_subject_name(certificate)
        X509_NAME_add_entry_by_txt(subject, "CN", 0x1001 /* MBSTRING_ASC */, commonName, -1, -1, 0)
        X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.certificate) } ?? subject)
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            let made = X509V3_EXT_conf_nid(nil, &context, nid, value)!
            X509_add_ext(certificate, made, -1)
            X509_EXTENSION_free(made)
        }
        X509_sign(certificate, issuer?.key ?? key, EVP_sha256())
        return TestIdentity(key: key, certificate: certificate)
    }

    private static func newKey() -> OpaquePointer {
        let context = EVP_PKEY_CTX_new_id(NID_X9_62_id_ecPublicKey, nil)
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context, NID_X9_62_prime256v1) == 1,
              EVP_PKEY_keygen(context, &key) == 1, let key
        else { fatalError("cannot generate a test key") }
        return key
    }
}
