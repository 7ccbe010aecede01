import HTTPAPI
import HTTPServer
import Kernel
import Testing

/// Whose request it is behind reverse proxies: the forwarding headers are believed only when the peer is a trusted
/// proxy, and then only up to the rightmost hop that is not one (issue 15, finding 5).
@Suite struct TrustedProxiesTests {
    static let proxies = TrustedProxies([IPNetwork("10.0.0.0/8")!, IPNetwork("2001:db8:ffff::/48")!])

    static func client(peer: String, _ headers: HTTPHeaders, proxies: TrustedProxies = proxies) -> String {
        proxies.clientAddress(of: HTTPRequest(method: .get, target: "/", headers: headers, remoteAddress: peer))
    }

    @Test func anUntrustedPeer_isTheClient_whateverItForwards() {
        #expect(Self.client(peer: "203.0.113.9", ["X-Forwarded-For": "198.51.100.1"]) == "203.0.113.9")
        #expect(Self.client(peer: "203.0.113.9", ["Forwarded": "for=198.51.100.1"]) == "203.0.113.9")
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "198.51.100.1"], proxies: TrustedProxies([])) == "10.0.0.1",
                "no trusted proxies: headers are never read")
    }

    @Test func behindTrustedProxies_theRightmostUntrustedHopIsTheClient() {
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "198.51.100.1"]) == "198.51.100.1")
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "6.6.6.6, 198.51.100.1, 10.0.0.2"]) == "198.51.100.1",
                "what the client wrote itself, left of its own address, is not believed")
        var twoFields = HTTPHeaders()
        twoFields.add("X-Forwarded-For", "6.6.6.6")
        twoFields.add("X-Forwarded-For", "198.51.100.1")
        #expect(Self.client(peer: "10.0.0.1", twoFields) == "198.51.100.1", "repeated fields are one list, in order")
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "10.0.0.3,10.0.0.2"]) == "10.0.0.3", "all trusted: the leftmost")
        #expect(Self.client(peer: "10.0.0.1", [:]) == "10.0.0.1", "a proxy's own request")
    }

    @Test func hopsThatAreNoAddress_stopTheWalk_atTheNearestTrustedHop() {
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "198.51.100.1, unknown"]) == "10.0.0.1")
        #expect(Self.client(peer: "10.0.0.1", ["X-Forwarded-For": "198.51.100.1, garbage, 10.0.0.2"]) == "10.0.0.2")
    }

    @Test func forwarded_isReadWhenThereIsNoXForwardedFor_withQuotesBracketsAndPorts() {
        let forwarded = #"for="[2001:db8:cafe::17]:4711";proto=https, For=198.51.100.1:8080;by=10.0.0.1, for=10.0.0.2"#
        #expect(Self.client(peer: "10.0.0.1", ["Forwarded": forwarded]) == "198.51.100.1")
        #expect(Self.client(peer: "10.0.0.1", ["Forwarded": #"for="[2001:db8:cafe::17]:4711""#]) == "2001:db8:cafe::17")
        #expect(Self.client(peer: "10.0.0.1", ["Forwarded": "for=_hidden"]) == "10.0.0.1", "an obfuscated node is no address")
        #expect(Self.client(peer: "10.0.0.1", ["Forwarded": "for=6.6.6.6", "X-Forwarded-For": "198.51.100.1"]) == "198.51.100.1",
                "X-Forwarded-For, which proxies append to, wins over a Forwarded the client may have written alone")
    }

    @Test func ipv6Proxies_andIPv4MappedPeers_areMatchedByTheirNetwork() {
        #expect(Self.client(peer: "2001:db8:ffff:1::9", ["X-Forwarded-For": "198.51.100.1"]) == "198.51.100.1")
        #expect(Self.client(peer: "::ffff:10.1.2.3", ["X-Forwarded-For": "198.51.100.1"]) == "198.51.100.1")
        #expect(Self.client(peer: "2001:db8:fffe::1", ["X-Forwarded-For": "198.51.100.1"]) == "2001:db8:fffe::1")
    }

    @Test func networks_parseCIDRNotationAndSingleAddresses_andRefuseTheRest() {
        #expect(IPNetwork("10.0.0.0/8")?.contains("10.255.0.1") == true)
        #expect(IPNetwork("10.0.0.0/8")?.contains("11.0.0.1") == false)
        #expect(IPNetwork("192.0.2.7")?.contains("192.0.2.7") == true)
        #expect(IPNetwork("192.0.2.7")?.contains("192.0.2.8") == false)
        #expect(IPNetwork("10.1.2.3/8")?.description == "10.1.2.3/8")
        #expect(IPNetwork("::/0")?.contains("2001:db8::1") == true)
        #expect(IPNetwork("::/0")?.contains("192.0.2.1") == false, "families never match each other")
        for bad in ["", "10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "::/129", "example.com", "10.0.0.0/8/8", "10.0.0.0/+8", "fe80::1%eth0"] {
            #expect(IPNetwork(bad) == nil, "\(bad)")
        }
    }
}
