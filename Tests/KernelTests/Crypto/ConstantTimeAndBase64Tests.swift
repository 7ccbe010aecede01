import Kernel
import Testing

@Suite struct ConstantTimeAndBase64Tests {
    @Test func constantTimeEquals_comparesBytesAndLength() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func base64url_roundTripsWithoutPaddingOrUnsafeCharacters() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x00, 0x01]
        let text = Base64.urlEncode(bytes)
        #expect(text == "-__-AAE")
        #expect(Base64.urlDecode(text) == bytes)
        #expect(Base64.urlDecode("a+b/") == nil)
    }

    @Test func base64_matchesRFC4648Vectors() {
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.decode("Zm9vYg==") == Array("foob".utf8))
    }

    @Test func secureRandom_returnsRequestedLengthAndDiffers() {
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        #expect(a.count == 32)
        #expect(a != b)
    }
}
