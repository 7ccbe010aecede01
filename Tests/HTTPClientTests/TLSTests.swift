import Foundation
import HTTPClient
import Testing

/// TLS against local receivers with certificates made for each test: verification of the chain and of the name.
@Suite struct TLSTests {
    static func client(trusting authority: TestIdentity? = nil, resolver: any NameResolver = SystemResolver()) -> HTTPClient {
        var configuration = HTTPClientConfiguration()
        configuration.trustedCertificates = authority.map { [$0.pem] }
        configuration.resolver = resolver
        return HTTPClient(configuration: configuration)
    }

    @Test func selfSignedCertificate_isRefusedAsUntrusted() async throws {
        let server = try ScriptedServer(identity: .server(["IP:127.0.0.1"], issuer: nil)), client = Self.client()
        let result = await ExchangeTests.post(client, server.url())
        #expect(result.failure?.code == .tls, "\(result)")
        #expect(result.failure?.message.contains("self-signed") == true, "\(result)")
        #expect(server.requests.isEmpty)
        client.shutdown()
        server.stop()
    }

    @Test func certificateFromATrustedAuthority_isAccepted_andTheConnectionKeptAlive() async throws {
        let authority = TestIdentity.authority()
        let server = try ScriptedServer(identity: .server(["IP:127.0.0.1"], issuer: authority)), client = Self.client(trusting: authority)
        for i in 0..<20 {
            let response = try await ExchangeTests.post(client, server.url(), body: "\(i)").get()
            #expect(response.status == 200 && response.body == Array("ok".utf8))
        }
        #expect(server.connectionsAccepted == 1 && server.requests.count == 20)
        #expect(server.requests[0].serverName == nil, "an IP address is never sent as SNI")
        client.shutdown()
        server.stop()
    }

    @Test func aResponseOverTLS_reportsTheVersionAndTheCertificatesExpiry_andOneOverPlainHTTPNone() async throws {
        let authority = TestIdentity.authority()
        let server = try ScriptedServer(identity: .server(["IP:127.0.0.1"], issuer: authority)), client = Self.client(trusting: authority)
        let made = Int64(Date().timeIntervalSince1970)
        let tls = try #require(try await ExchangeTests.post(client, server.url()).get().tls)
        #expect(tls.version == "TLSv1.3")
        let expiry = try #require(tls.certificateExpiresAt)
        #expect(abs(expiry - (made + 86_400)) <= 120, "the test certificate is valid for a day from its making")
        let plain = try ScriptedServer(), plainClient = Self.client()
        #expect(try await ExchangeTests.post(plainClient, plain.url()).get().tls == nil)
        for c in [client, plainClient] { c.shutdown() }
        server.stop()
        plain.stop()
    }

    @Test func certificateForAnotherName_isRefused() async throws {
        let authority = TestIdentity.authority()
        let server = try ScriptedServer(identity: .server(["DNS:other.test"], issuer: authority))
        let client = Self.client(trusting: authority, resolver: FixedResolver(["receiver.test": ["127.0.0.1"]]))
        for url in [server.url(), server.url(host: "receiver.test")] {
            let result = await ExchangeTests.post(client, url)
            #expect(result.failure?.code == .tls, "\(url): \(result)")
        }
        #expect(server.requests.isEmpty)
        client.shutdown()
        server.stop()
    }

    @Test func certificateForTheHostName_isAccepted_andTheNameSentAsSNI() async throws {
        let authority = TestIdentity.authority()
        let server = try ScriptedServer(identity: .server(["DNS:receiver.test"], issuer: authority))
        let client = Self.client(trusting: authority, resolver: FixedResolver(["receiver.test": ["127.0.0.1"]]))
        #expect(try await ExchangeTests.post(client, server.url(host: "receiver.test")).get().status == 200)
        #expect(server.requests.first?.serverName == "receiver.test")
        #expect(server.requests.first?.headers["host"] == "receiver.test:\(server.port)")
        client.shutdown()
        server.stop()
    }
}
