import Kernel
import Testing
import TestSupport

@Suite struct DigestTests {
    @Test func sha256_ofABC_matchesFIPS180Vector() {
        #expect(Digest.sha256("abc").hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256("").hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// RFC 4231 §4.2–4.8 test cases 1–4, 6 and 7 (case 5 truncates the output and does not apply).
    @Test(arguments: [
        (String(repeating: "0b", count: 20), "4869205468657265".hexBytes,
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f".hexBytes,
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (String(repeating: "aa", count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func hmacSHA256_matchesRFC4231(key: String, message: [UInt8], expected: String) {
        #expect(Digest.hmacSHA256(key: key.hexBytes, message: message).hexString == expected)
    }

    @Test func hmacSHA256_withStandardWebhooksVector_producesPublishedSignature() throws {
        let vectors = try TestVectors.json("webhook-vectors.json")
        let valid = try #require((vectors["valid"] as? [[String: Any]])?.first)
        let secret = try #require(valid["secret"] as? String)
        let key = try #require(Base64.decode(String(secret.dropFirst("whsec_".count))))
        let message = "\(valid["msg_id"]!).\(valid["timestamp"]!).\(valid["payload"]!)"
        let signature = "v1," + Base64.encode(Digest.hmacSHA256(key: key, message: Array(message.utf8)))
        #expect(signature == valid["signature"] as? String)
        let tampered = try #require((vectors["must_reject"] as? [[String: Any]])?.first?["signature"] as? String)
        #expect(signature != tampered)
    }

    @Test func pbkdf2_matchesRFC7914Vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64.
        let out = Digest.pbkdf2SHA256(password: "passwd", salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(out.hexString.hasPrefix("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"))
    }
}

extension String {
    var hexBytes: [UInt8] {
        var out = [UInt8]()
        var i = startIndex
        while i < endIndex {
            let j = index(i, offsetBy: 2)
            out.append(UInt8(self[i..<j], radix: 16)!)
            i = j
        }
        return out
    }
}
