import HTTPClient
import Testing

/// Resolution happens once per connection, every answer is vetted, and only permitted addresses are connected to.
/// 127.0.0.2 stands in for a public address here; 127.0.0.1 is the private service the policy refuses.
@Suite struct AddressVettingTests {
    /// Two listeners on one port: the refused loopback service on 127.0.0.1 and the permitted receiver on 127.0.0.2.
    static func listeners() throws -> (refused: ScriptedServer, permitted: ScriptedServer) {
        let closing: @Sendable (Int, ScriptedServer.Request) -> ScriptedServer.Reply = { _, _ in ScriptedServer.Reply.send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok") }
        for _ in 0..<20 {
            let permitted = try ScriptedServer(host: "127.0.0.2", reply: closing)
            if let refused = try? ScriptedServer(host: "127.0.0.1", port: permitted.port, reply: closing) { return (refused, permitted) }
            permitted.stop()
        }
        throw HTTPClientError(.connect, "no port free on both 127.0.0.1 and 127.0.0.2")
    }

    static func client(_ resolver: any NameResolver) -> HTTPClient {
        var configuration = HTTPClientConfiguration()
        configuration.resolver = resolver
        configuration.addressPolicy = RefusingPolicy(["127.0.0.1"])
        return HTTPClient(configuration: configuration)
    }

    /// DNS rebinding: the name answers 127.0.0.2, then 127.0.0.1, and so on. Every connection resolves once and
    /// connects to what that answer held if the policy permits it, so the service on 127.0.0.1 never sees a
    /// connection, whatever the order of answers.
    @Test func nameThatRebindsToARefusedAddress_neverGetsAConnectionThere() async throws {
        let (refused, permitted) = try Self.listeners()
        let resolver = RebindingResolver([["127.0.0.2"], ["127.0.0.1"]])
        let client = Self.client(resolver)
        var outcomes = [String]()
        for _ in 0..<20 {
            switch await ExchangeTests.post(client, "http://rebind.test:\(permitted.port)/hooks") {
            case .success(let response): outcomes.append("\(response.status)")
            case .failure(let error): outcomes.append(error.code.rawValue)
            }
        }
        #expect(outcomes == Array(repeating: ["200", "blocked"], count: 10).flatMap { $0 })
        #expect(refused.connectionsAccepted == 0)
        #expect(permitted.connectionsAccepted == 10)
        #expect(resolver.lookups == 20, "one lookup per connection")
        client.shutdown()
        refused.stop()
        permitted.stop()
    }

    @Test func answerMixingRefusedAndPermittedAddresses_connectsOnlyToThePermittedOne() async throws {
        let (refused, permitted) = try Self.listeners()
        let client = Self.client(FixedResolver(["mixed.test": ["127.0.0.1", "127.0.0.2"]]))
        for _ in 0..<3 { #expect(try await ExchangeTests.post(client, "http://mixed.test:\(permitted.port)/").get().status == 200) }
        #expect(refused.connectionsAccepted == 0 && permitted.connectionsAccepted == 3)
        client.shutdown()
        refused.stop()
        permitted.stop()
    }

    @Test func refusedNumericHost_isBlockedWithoutAConnection() async throws {
        let (refused, permitted) = try Self.listeners()
        let client = Self.client(FixedResolver([:]))
        #expect(await ExchangeTests.post(client, refused.url()).failure?.code == .blocked)
        #expect(refused.connectionsAccepted == 0)
        client.shutdown()
        refused.stop()
        permitted.stop()
    }

    /// The first permitted address has nothing listening: the next one is tried.
    @Test func permittedAddressThatRefusesTheConnection_isFollowedByTheNext() async throws {
        let server = try ScriptedServer(host: "127.0.0.2")
        let client = Self.client(FixedResolver(["two.test": ["127.0.0.3", "127.0.0.2"]]))
        #expect(try await ExchangeTests.post(client, "http://two.test:\(server.port)/").get().status == 200)
        client.shutdown()
        server.stop()
    }

    @Test func nameThatDoesNotResolve_isADNSFailure() async throws {
        let client = Self.client(FixedResolver([:]))
        let result = await ExchangeTests.post(client, "http://nowhere.test/")
        #expect(result.failure?.code == .dns, "\(result)")
        client.shutdown()
    }

    @Test func systemResolver_resolvesLocalhostAndNumericHosts() async {
        let localhost = await SystemResolver().addresses(of: "localhost")
        #expect(localhost.contains(IPAddress("127.0.0.1")!) || localhost.contains(IPAddress("::1")!))
        #expect(await SystemResolver().addresses(of: "name.invalid").isEmpty)
    }
}
