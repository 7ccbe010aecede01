import Foundation
import Synchronization
import Testing
@testable import HTTPServer

/// The connection limits on real sockets: clients on different addresses of 127.0.0.0/8 play the attacker
/// (127.0.0.2) and its victims (127.0.0.3 and up).
@Suite struct ServerConnectionLimitTests {
    static let attacker = "127.0.0.2"
    static let victim = "127.0.0.3"

    @Test func server_whenOneAddressHoldsThousandsOfIdleConnections_keepsAnsweringAnotherAddress() async throws {
        raiseFileLimit()
        let configure = { (configuration: inout HTTPServerConfiguration) in
            configuration.maxConnectionsPerAddress = 100
            configuration.firstByteTimeout = .seconds(60)  // the admitted idle ones stay for the whole test
        }
        try await withServer(configure: configure) { port, server in
            let (refusals, open, served, reconnected) = try await onThread {
                let flood = try IdleClients(count: 3000, port: port, from: Self.attacker)
                let refused = flood.waitForAnswers(atLeast: 2900, timeout: .seconds(60))
                let refusals = try refused.map { try $0.readResponse().status }
                let open = server.openConnections
                let victim = try TestClient(port: port, from: Self.victim)
                let served = try (0..<20).map { index in
                    try victim.send(.get("/\(index)"))
                    return try victim.readResponse().status
                }
                // The attacker reconnects: refused as fast, and the victim is still answered.
                let again = try IdleClients(count: 500, port: port, from: Self.attacker)
                let reconnected = again.waitForAnswers(atLeast: 500, timeout: .seconds(60)).count
                try victim.send(.get("/after"))
                return (refusals, open, served + [try victim.readResponse().status], reconnected)
            }
            #expect(refusals == Array(repeating: 503, count: 2900))
            #expect(open == 100, "the attacker holds exactly its cap")
            #expect(served == Array(repeating: 200, count: 21))
            #expect(reconnected == 500)
        }
    }

    @Test func server_whenAnAddressHoldsItsCap_refusesItsNextConnectionWithA503AndAdmitsOtherAddresses() async throws {
        let events = Mutex<[HTTPServerEvent]>([])
        let configure = { (configuration: inout HTTPServerConfiguration) in
            configuration.maxConnectionsPerAddress = 3
            configuration.onEvent = { event in events.withLock { $0.append(event) } }
        }
        try await withServer(configure: configure) { port, _ in
            let (held, refused, rest, other) = try await onThread {
                // Each of the three is served once, so all three are surely admitted before the fourth arrives.
                let held = try (0..<3).map { _ in try TestClient(port: port, from: Self.attacker) }
                let statuses = try held.map { client in
                    try client.send(.get("/"))
                    return try client.readResponse().status
                }
                let fourth = try TestClient(port: port, from: Self.attacker)
                let refused = try fourth.readResponse()
                let rest = try fourth.readUntilClosed()
                let other = try TestClient(port: port, from: Self.victim)
                try other.send(.get("/other"))
                return (statuses, refused, rest, try other.readResponse().text)
            }
            #expect(held == [200, 200, 200])
            #expect(refused.status == 503)
            #expect(refused.header("Content-Type") == "application/problem+json")
            #expect(refused.header("Connection") == "close")
            #expect((refused.problem?["detail"] as? String)?.contains("already holds 3 open connections") == true)
            #expect(rest.isEmpty)
            #expect(other == "GET /other")
        }
        #expect(events.withLock { $0 }.contains(.connectionRefused(remoteAddress: Self.attacker, reason: .addressLimit)))
    }

    @Test func server_whenAnAddressAtItsCapLosesAConnection_letsItOpenAnother() async throws {
        let configure = { (configuration: inout HTTPServerConfiguration) in
            configuration.maxConnectionsPerAddress = 1
            configuration.idleTimeout = .seconds(2)
        }
        try await withServer(configure: configure) { port, _ in
            let (refused, closedIdle, reopened) = try await onThread {
                let first = try TestClient(port: port, from: Self.attacker)
                try first.send(.get("/"))
                _ = try first.readResponse()
                let refused = try TestClient(port: port, from: Self.attacker).readResponse().status
                // The server closes the first at its idle timeout; it frees the slot before it closes the socket.
                let closedIdle = try first.readUntilClosed().isEmpty
                let again = try TestClient(port: port, from: Self.attacker)
                try again.send(.get("/again"))
                return (refused, closedIdle, try again.readResponse().text)
            }
            #expect(refused == 503)
            #expect(closedIdle)
            #expect(reopened == "GET /again")
        }
    }

    @Test func server_whenNearlyFull_refusesTheHeaviestAddressAndKeepsTheLastSlotsForOthers() async throws {
        let configure = { (configuration: inout HTTPServerConfiguration) in
            configuration.maxConnections = 64  // crowded from 56 on: the last 8 are kept
            configuration.maxConnectionsPerAddress = 64  // only the share policy stops one address
            configuration.firstByteTimeout = .seconds(60)
        }
        try await withServer(configure: configure) { port, server in
            let (refusals, attackerHolds, victims, full, open) = try await onThread {
                let flood = try IdleClients(count: 100, port: port, from: Self.attacker)
                let refusals = try flood.waitForAnswers(atLeast: 44, timeout: .seconds(60)).map { try $0.readResponse() }
                let attackerHolds = server.openConnections
                // Eight other addresses each get in, although the attacker tried for far more than its share.
                let victims = try (3...10).map { host in
                    let client = try TestClient(port: port, from: "127.0.0.\(host)")
                    try client.send(.get("/\(host)"))
                    return (client, try client.readResponse().text)
                }
                let full = try TestClient(port: port, from: "127.0.0.11").readResponse()
                return (refusals, attackerHolds, victims.map(\.1), full, server.openConnections)
            }
            #expect(refusals.count == 44)
            #expect(refusals.allSatisfy { ($0.problem?["detail"] as? String)?.contains("more than its share") == true })
            #expect(attackerHolds == 56)
            #expect(victims == (3...10).map { "GET /\($0)" })
            #expect(full.status == 503)
            #expect((full.problem?["detail"] as? String)?.contains("limit of 64 open connections") == true)
            #expect(open == 64)
        }
    }
}
