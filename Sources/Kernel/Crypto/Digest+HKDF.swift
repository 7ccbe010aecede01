import CCrypto

extension Digest {
    /// HKDF-SHA256 (RFC 5869): `length` bytes of key material from the secret `key`, a `salt` and an `info` that
    /// names what the bytes are for (different `info`, unrelated keys). Through libcrypto's HKDF, fetched once
    /// (``FetchedAlgorithms``): sealing an idempotent answer derives a key per request.
    public static func hkdfSHA256(key: [UInt8], salt: [UInt8], info: [UInt8], length: Int = 32) -> [UInt8] {
        let context = EVP_KDF_CTX_new(FetchedAlgorithms.hkdf)
        defer { EVP_KDF_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: length)
        var (key, salt, info) = (key, salt, info)
        // Fails only on an allocation failure, or for lengths HKDF cannot give (over 255 × 32 bytes).
        let ok = "SHA256".withCString { digest in
            key.withUnsafeMutableBytes { key in
                salt.withUnsafeMutableBytes { salt in
                    info.withUnsafeMutableBytes { info in
                        // A parameter keeps its name's pointer: the names are static strings, never temporaries.
                        let parameters = [
                            OSSL_PARAM_construct_utf8_string(cString("digest"), UnsafeMutablePointer(mutating: digest), 0),
                            OSSL_PARAM_construct_octet_string(cString("key"), key.baseAddress, key.count),
                            OSSL_PARAM_construct_octet_string(cString("salt"), salt.baseAddress, salt.count),
                            OSSL_PARAM_construct_octet_string(cString("info"), info.baseAddress, info.count),
                            OSSL_PARAM_construct_end(),
                        ]
                        return EVP_KDF_derive(context, &out, length, parameters) == 1
                    }
                }
            }
        }
        precondition(ok, "HKDF-SHA256 failed in libcrypto")
        return out
    }

    private static func cString(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
