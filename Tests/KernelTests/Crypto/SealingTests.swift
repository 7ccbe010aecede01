import Foundation
import Glibc
import Kernel
import Testing
import TestSupport

/// The primitives of secrets at rest (issue 15, finding 3): AES-256-GCM and HKDF-SHA256 against their published
/// vectors, the master key and its file, and sealed values.
@Suite struct SealingTests {
    /// The GCM specification's AES-256 test cases 13, 14 and 16 (McGrew and Viega; NIST SP 800-38D).
    @Test(arguments: [
        (String(repeating: "00", count: 32), String(repeating: "00", count: 12), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"),
        (String(repeating: "00", count: 32), String(repeating: "00", count: 12), String(repeating: "00", count: 16), "",
         "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
        ("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
         "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
         "feedfacedeadbeeffeedfacedeadbeefabaddad2",
         "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
         "76fc6ece0f4e1768cddf8853bb2d551b"),
    ])
    func aesGCM_matchesTheSpecificationsVectors_andOpensWhatItSealed(
        key: String, nonce: String, plaintext: String, associated: String, ciphertext: String, tag: String
    ) {
        let sealed = AESGCM.seal(plaintext.hexBytes, key: key.hexBytes, nonce: nonce.hexBytes, associated: associated.hexBytes)
        #expect(sealed.hexString == ciphertext + tag)
        #expect(AESGCM.open(sealed, key: key.hexBytes, nonce: nonce.hexBytes, associated: associated.hexBytes) == plaintext.hexBytes)
    }

    @Test func aesGCM_opensNothing_whenAnyByteKeyNonceOrAssociatedDataChanged() {
        let key = SecureRandom.bytes(32), nonce = SecureRandom.bytes(12)
        let sealed = AESGCM.seal(Array("whsec_secret".utf8), key: key, nonce: nonce, associated: [1, 2, 3])
        for index in sealed.indices {
            var changed = sealed
            changed[index] ^= 0x01
            #expect(AESGCM.open(changed, key: key, nonce: nonce, associated: [1, 2, 3]) == nil, "byte \(index)")
        }
        #expect(AESGCM.open(sealed, key: SecureRandom.bytes(32), nonce: nonce, associated: [1, 2, 3]) == nil)
        #expect(AESGCM.open(sealed, key: key, nonce: SecureRandom.bytes(12), associated: [1, 2, 3]) == nil)
        #expect(AESGCM.open(sealed, key: key, nonce: nonce, associated: [1, 2, 4]) == nil)
        #expect(AESGCM.open(Array(sealed.prefix(15)), key: key, nonce: nonce) == nil)
    }

    /// RFC 5869 Appendix A.1.
    @Test func hkdfSHA256_matchesRFC5869() {
        let okm = Digest.hkdfSHA256(key: String(repeating: "0b", count: 22).hexBytes, salt: "000102030405060708090a0b0c".hexBytes,
                                    info: "f0f1f2f3f4f5f6f7f8f9".hexBytes, length: 42)
        #expect(okm.hexString == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    @Test func sealer_opensOnlyWithTheSameKeyContextAndAssociatedData_andNamesAnotherMasterKey() throws {
        let key = MasterKey.generate(), other = MasterKey.generate()
        let sealer = Sealer(key, purpose: "tests")
        let sealed = sealer.seal(Array("lt_secret".utf8), context: [7], associated: Array("row_1".utf8))
        #expect(try sealer.open(sealed, context: [7], associated: Array("row_1".utf8)) == Array("lt_secret".utf8))
        #expect(sealed != sealer.seal(Array("lt_secret".utf8), context: [7], associated: Array("row_1".utf8)), "a fresh nonce each time")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("lt_secret"))
        #expect(Sealer.keyID(of: sealed) == key.id)
        #expect(throws: SealingError.self) { try sealer.open(sealed, context: [8], associated: Array("row_1".utf8)) }
        #expect(throws: SealingError.self) { try sealer.open(sealed, context: [7], associated: Array("row_2".utf8)) }
        #expect(throws: SealingError.self) { try Sealer(key, purpose: "other").open(sealed, context: [7], associated: Array("row_1".utf8)) }
        do {
            _ = try Sealer(other, purpose: "tests").open(sealed, context: [7], associated: Array("row_1".utf8))
            Issue.record("opened under another master key")
        } catch {
            #expect(error.code == .sealedUnderAnotherKey && error.message.contains(key.id.hexString))
        }
    }

    @Test func keyFile_isCreatedOnce_private_andReadBackAsTheSameKey() throws {
        let path = TemporaryDirectory().file("keys/db.sqlite.master-key")
        let created = try MasterKeyFile.loadOrCreate(path)
        #expect(created.created && !created.readableByOthers)
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600 && status.st_size == 32)
        let loaded = try MasterKeyFile.loadOrCreate(path)
        #expect(!loaded.created && loaded.key.id == created.key.id)
        chmod(path, 0o644)
        #expect(try MasterKeyFile.load(path).readableByOthers)
    }

    @Test func keyFile_inBase64_isAccepted_andAnythingElseRefused() throws {
        let folder = TemporaryDirectory()
        let bytes = SecureRandom.bytes(32)
        _ = FileManager.default.createFile(atPath: folder.file("b64"), contents: Data((Base64.encode(bytes) + "\n").utf8))
        #expect(try MasterKeyFile.load(folder.file("b64")).key.id == MasterKey(bytes: bytes)!.id)
        _ = FileManager.default.createFile(atPath: folder.file("short"), contents: Data(repeating: 1, count: 31))
        #expect(throws: SealingError(.keyFileMalformed, "the master key file \(folder.file("short")) must hold 32 bytes, raw or in base64")) {
            try MasterKeyFile.load(folder.file("short"))
        }
        #expect(throws: SealingError.self) { try MasterKeyFile.load(folder.file("missing")) }
    }
}
