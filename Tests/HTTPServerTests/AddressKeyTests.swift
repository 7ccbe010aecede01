import Glibc
import Testing
@testable import HTTPServer

@Suite struct AddressKeyTests {
    /// The peer address `accept` would report for `text`, through the same `sockaddr_storage` decoding.
    static func peer(_ text: String) -> PeerAddress {
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            if text.contains(":") {
                raw.storeBytes(of: sa_family_t(AF_INET6), toByteOffset: 0, as: sa_family_t.self)
                #expect(inet_pton(AF_INET6, text, raw.baseAddress! + 8) == 1)  // sin6_addr
            } else {
                raw.storeBytes(of: sa_family_t(AF_INET), toByteOffset: 0, as: sa_family_t.self)
                #expect(inet_pton(AF_INET, text, raw.baseAddress! + 4) == 1)  // sin_addr
            }
        }
        return PeerAddress(storage)
    }

    @Test(arguments: ["127.0.0.2", "192.0.2.7", "::1", "2001:db8::1", "::ffff:192.0.2.7", "fe80::1:2:3:4"])
    func peerAddress_readFromTheSocketAddress_printsAsItWasWritten(_ text: String) {
        #expect(Self.peer(text).description == text)
    }

    @Test func key_ofIPv4_isTheWholeAddress() {
        #expect(Self.peer("127.0.0.2").key == .ipv4(0x7F00_0002))
        #expect(Self.peer("127.0.0.2").key != Self.peer("127.0.0.3").key)
    }

    @Test func key_ofIPv6_isTheSlash64Network() {
        let key = Self.peer("2001:db8:1:2::1").key
        #expect(key == Self.peer("2001:db8:1:2:ffff:eeee:dddd:cccc").key, "one host, one /64")
        #expect(key != Self.peer("2001:db8:1:3::1").key)
        #expect(key.description == "2001:db8:1:2::/64")
    }

    @Test func key_ofIPv4MappedIPv6_isTheIPv4Address() {
        #expect(Self.peer("::ffff:192.0.2.7").key == Self.peer("192.0.2.7").key)
        #expect(Self.peer("::ffff:192.0.2.7").key.description == "192.0.2.7")
        #expect(Self.peer("::192.0.2.7").key == .ipv6Network(0), "only ::ffff:0:0/96 is IPv4")
    }
}
