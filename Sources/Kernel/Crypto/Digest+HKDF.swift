import CCrypto

extension Digest {
    /// HKDF-SHA256 (RFC 5869): `length` bytes of key material from the secret `key`, a `salt` and an `info` that
    /// names what the bytes are for (different `info`, unrelated keys).
    public static func hkdfSHA256(key: [UInt8], salt: [UInt8], info: [UInt8], length: Int = 32) -> [UInt8] {
        let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil)
        defer { EVP_PKEY_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: length)
        var outLength = length
        // These fail only on an allocation failure, or for lengths HKDF cannot give (over 255 × 32 bytes).
        let ok = EVP_PKEY_derive_init(context) == 1
            && EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()) == 1
            && EVP_PKEY_CTX_set1_hkdf_salt(context, salt, Int32(salt.count)) == 1
            && EVP_PKEY_CTX_set1_hkdf_key(context, key, Int32(key.count)) == 1
            && EVP_PKEY_CTX_add1_hkdf_info(context, info, Int32(info.count)) == 1
            && EVP_PKEY_derive(context, &out, &outLength) == 1
        precondition(ok && outLength == length, "HKDF-SHA256 failed in libcrypto")
        return out
    }
}
