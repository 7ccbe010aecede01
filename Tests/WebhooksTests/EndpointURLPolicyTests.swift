import Kernel
import Testing
@testable import Webhooks

/// Which webhook URLs are refused at registration (issue 15, finding 6): hosts that cannot be on the public internet
/// by their name alone, ports of other services, zone ids; and the address guard's view of 6to4 and Teredo.
@Suite struct EndpointURLPolicyTests {
    static func refusal(_ url: String, allowPrivate: Bool = false) async -> DomainError? {
        do {
            _ = try await EndpointURLPolicy.validate(url, mode: .live, allowPrivate: allowPrivate)
            return nil
        } catch {
            return error as? DomainError
        }
    }

    @Test(arguments: [
        "https://intranet/hooks", "https://intranet./hooks", "https://localhost/hooks", "https://api.localhost/hooks",
        "https://printer.local/hooks", "https://billing.internal/hooks", "https://router.home.arpa/hooks",
        "https://7.0.0.10.in-addr.arpa/hooks", "https://x.ip6.arpa/hooks", "https://nas.invalid/hooks", "https://svc.test/hooks",
        "https://abc.onion/hooks", "https://name.alt/hooks", "https://BILLING.Internal./hooks", "https://nas.home/hooks",
        "https://dc.corp/hooks",
    ])
    func namesThatAreNeverOnThePublicInternet_areRefused(url: String) async {
        let error = await Self.refusal(url)
        #expect(error?.code == .urlNotPublic, "\(url): \(String(describing: error))")
    }

    @Test(arguments: ["https://8.8.8.8:22/hooks", "https://8.8.8.8:25/hooks", "https://8.8.8.8:1023/hooks", "https://8.8.8.8:0/hooks",
                      "https://hooks.acme-broking.in:6/hooks"])
    func portsOfOtherServices_areRefused(url: String) async {
        let error = await Self.refusal(url)
        #expect(error?.code == .validationFailed && error?.fields.first?.field == "url", "\(url)")
    }

    @Test(arguments: ["https://8.8.8.8/hooks", "https://8.8.8.8:443/hooks", "https://8.8.8.8:8443/hooks", "https://8.8.8.8:1024/hooks",
                      "https://8.8.8.8:65535/hooks", "https://hooks.acme-broking.in/in", "https://hooks.example.com./in"])
    func publicHostsOnWebPortsOrUnprivilegedOnes_areAccepted(url: String) async {
        #expect(await Self.refusal(url) == nil, "\(url)")
    }

    @Test func aZoneIdInAnIPv6Literal_isRefused_evenWhereItIsPrivateTargetsAreAllowed() async {
        for url in ["https://[fe80::1%25eth0]/hooks", "http://[fe80::1%eth0]:8080/hooks"] {
            #expect(await Self.refusal(url)?.fields.first?.field == "url", "\(url)")
            #expect(await Self.refusal(url, allowPrivate: true) != nil, "\(url)")
        }
    }

    @Test func theDevelopmentFlag_stillAllowsLocalNamesAndPorts() async {
        for url in ["http://localhost:9/hooks", "http://127.0.0.1:9/hooks", "http://receiver.test:8080/hooks"] {
            #expect(await Self.refusal(url, allowPrivate: true) == nil, "\(url)")
        }
    }

    @Test(arguments: [
        "2002:7f00:1::1",  // 6to4 of 127.0.0.1
        "2002:a00:1::",  // 6to4 of 10.0.0.1
        "2002:c0a8:101::1",  // 6to4 of 192.168.1.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  // Teredo, client 10.0.0.1 (obfuscated), public server
        "2001:0:a00:1:8000:63bf:f7f7:f7f7",  // Teredo, public client 8.8.8.8, server 10.0.0.1
    ])
    func addressGuard_judges6to4AndTeredo_byTheirEmbeddedIPv4(address: String) {
        #expect(AddressGuard.isBlocked(address))
    }

    @Test(arguments: ["2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"])
    func addressGuard_lets6to4AndTeredoOfPublicIPv4Through(address: String) {
        #expect(!AddressGuard.isBlocked(address))
    }
}
