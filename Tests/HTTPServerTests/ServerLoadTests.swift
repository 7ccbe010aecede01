import Foundation
import Glibc
import Testing
import HTTPServer

@Suite struct ServerLoadTests {
    @Test func server_whenAThousandConnectionsAreOpenAtOnce_answersEachOfThem() async throws {
        raiseFileLimit()
        try await withServer(configure: { $0.maxConnectionsPerAddress = 1000 }) { port, server in
            let (statuses, open) = try await onThread {
                let clients = try (0..<1000).map { _ in try TestClient(port: port, receiveTimeout: .seconds(20)) }
                for (index, client) in clients.enumerated() { try client.send(.get("/\(index)")) }
                let statuses = try clients.enumerated().map { index, client in
                    let response = try client.readResponse()
                    return response.text == "GET /\(index)" ? response.status : -1
                }
                return (statuses, server.openConnections)
            }
            #expect(statuses == Array(repeating: 200, count: 1000))
            #expect(open == 1000)
        }
    }

    @Test func server_whenConnectionCapIsReached_refusesNewOnesFastAndKeepsServingTheOthers() async throws {
        try await withServer(configure: { $0.maxConnections = 2 }) { port, _ in
            let (refused, rest, stillServed) = try await onThread {
                // Three addresses: the share policy keeps one address from holding both slots.
                let first = try TestClient(port: port, from: "127.0.0.2"), second = try TestClient(port: port, from: "127.0.0.3")
                for client in [first, second] {
                    try client.send(.get("/"))
                    _ = try client.readResponse()
                }
                let third = try TestClient(port: port, from: "127.0.0.4")
                let refused = try third.readResponse()
                let rest = try third.readUntilClosed()
                try first.send(.get("/again"))
                return (refused, rest, try first.readResponse().text)
            }
            #expect(refused.status == 503)
            #expect(refused.header("Content-Type") == "application/problem+json")
            #expect(rest.isEmpty)
            #expect(stillServed == "GET /again")
        }
    }

    @Test func server_whenOversizedBodyIsAlreadyOnItsWay_stillDeliversThe413() async throws {
        try await withServer { port, _ in
            let response = try await onThread {
                let client = try TestClient(port: port)
                let body = [UInt8](repeating: 0x61, count: 2 << 20)
                try client.send(Array("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
                return try client.readResponse()
            }
            #expect(response.status == 413)
        }
    }

    @Test func server_whenClientsSendRandomBytes_neverCrashesAndKeepsServing() async throws {
        try await withServer(configure: { $0.headerTimeout = .milliseconds(500) }) { port, _ in
            let (garbageAnswers, afterwards) = try await onThread {
                var random = SplitMix64(seed: 0x5EED)
                var answers = 0
                for round in 0..<300 {
                    let length = Int(random.next() % 3000) + 1
                    var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    // Some rounds start like a real request, so the garbage reaches the field and body parsers.
                    switch round % 3 {
                    case 1: bytes = Array("POST / HTTP/1.1\r\nHost: h\r\n".utf8) + bytes
                    case 2: bytes = Array("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + bytes
                    default: break
                    }
                    let client = try TestClient(port: port)
                    try? client.send(bytes)
                    client.finishSending()
                    if try !client.readUntilClosed().isEmpty { answers += 1 }
                }
                let client = try TestClient(port: port)
                try client.send(.get("/still-alive"))
                return (answers, try client.readResponse().text)
            }
            #expect(garbageAnswers > 0)
            #expect(afterwards == "GET /still-alive")
        }
    }
}

/// A small deterministic generator, so a failing random input can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
