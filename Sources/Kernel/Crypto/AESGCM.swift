import CCrypto

/// AES-256-GCM (NIST SP 800-38D) over libcrypto's EVP interface: authenticated encryption with a 96-bit nonce and a
/// 128-bit tag. A nonce must never repeat under one key; callers draw it at random (``SecureRandom``).
public enum AESGCM {
    public static let keyLength = 32
    public static let nonceLength = 12
    public static let tagLength = 16

    /// `plaintext` encrypted under `key` (32 bytes) with `nonce` (12 bytes), followed by its tag. `associated` is
    /// authenticated along with it but not encrypted.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associated: [UInt8] = []) -> [UInt8] {
        precondition(key.count == keyLength && nonce.count == nonceLength, "AES-256-GCM takes a 32-byte key and a 12-byte nonce")
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        var sealed = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var length: Int32 = 0
        // These calls fail only on an allocation failure or a wrong key or nonce size, which the precondition rules out.
        var ok = EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1
        if !associated.isEmpty { ok = ok && EVP_EncryptUpdate(context, nil, &length, associated, Int32(associated.count)) == 1 }
        if !plaintext.isEmpty { ok = ok && EVP_EncryptUpdate(context, &sealed, &length, plaintext, Int32(plaintext.count)) == 1 }
        var none = [UInt8](repeating: 0, count: 16)  // GCM's final step writes no bytes
        var tag = [UInt8](repeating: 0, count: tagLength)
        ok = ok && EVP_EncryptFinal_ex(context, &none, &length) == 1
        ok = ok && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag) == 1
        precondition(ok, "AES-256-GCM encryption failed in libcrypto")
        sealed.replaceSubrange(plaintext.count..., with: tag)
        return sealed
    }

    /// The plaintext of `sealed` (ciphertext followed by its tag), or nil when the tag does not verify: another
    /// key, nonce or associated data, or bytes changed.
    public static func open(_ sealed: [UInt8], key: [UInt8], nonce: [UInt8], associated: [UInt8] = []) -> [UInt8]? {
        guard key.count == keyLength, nonce.count == nonceLength, sealed.count >= tagLength else { return nil }
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        let ciphertextLength = sealed.count - tagLength
        var plaintext = [UInt8](repeating: 0, count: ciphertextLength)
        var tag = Array(sealed[ciphertextLength...])
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { return nil }
        if !associated.isEmpty, EVP_DecryptUpdate(context, nil, &length, associated, Int32(associated.count)) != 1 { return nil }
        if ciphertextLength > 0, EVP_DecryptUpdate(context, &plaintext, &length, sealed, Int32(ciphertextLength)) != 1 { return nil }
        var none = [UInt8](repeating: 0, count: 16)  // GCM's final step writes no bytes; it checks the tag
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1,
              EVP_DecryptFinal_ex(context, &none, &length) == 1
        else { return nil }
        return plaintext
    }
}
