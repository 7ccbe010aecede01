@testable import HTTPClient
import Testing

/// The client connection's decisions as a value: no sockets, time passed in.
@Suite struct ClientConnectionStateMachineTests {
    static let second: UInt64 = 1_000_000_000
    static let http = Origin(scheme: .http, host: "hooks.test", port: 8080)
    static let a = IPAddress("203.0.113.1")!, b = IPAddress("203.0.113.2")!, local = IPAddress("127.0.0.1")!

    static func machine(_ origin: Origin = http, openDeadline: UInt64 = 5 * second) -> ClientConnectionStateMachine {
        ClientConnectionStateMachine(origin: origin, openDeadline: openDeadline, idleTimeout: 30 * second)
    }

    static func resolution(_ addresses: [IPAddress], refusing refused: Set<IPAddress> = [local]) -> Resolution {
        Resolution(vetting: addresses, with: Refusing(refused: refused))
    }

    struct Refusing: AddressPolicy {
        let refused: Set<IPAddress>
        func permits(_ address: IPAddress) -> Bool { !refused.contains(address) }
    }

    /// A machine with an open, idle connection.
    static func idle(_ origin: Origin = http) -> ClientConnectionStateMachine {
        var machine = machine(origin)
        _ = machine.resolved(resolution([a]))
        _ = machine.connected(now: 0)
        return machine
    }

    @Test func resolution_connectsOnlyToPermittedAddresses_inOrder() {
        var machine = Self.machine()
        #expect(machine.resolved(Self.resolution([Self.local, Self.a, Self.b])) == .connect(Self.a))
        #expect(machine.connectFailed("Connection refused") == .connect(Self.b))
        guard case .openFailed(let error) = machine.connectFailed("Network is unreachable") else { Issue.record("no failure"); return }
        #expect(error.code == .connect)
        #expect(error.message == "cannot connect to hooks.test (203.0.113.1:8080: Connection refused; 203.0.113.2:8080: Network is unreachable)")
        #expect(machine.phase == .closed)
    }

    @Test func resolutionWithNothingPermitted_failsAsBlocked_andWithNothingAtAllAsDNS() {
        var blocked = Self.machine()
        guard case .openFailed(let error) = blocked.resolved(Self.resolution([Self.local])) else { Issue.record("connected"); return }
        #expect(error.code == .blocked && error.message.contains("127.0.0.1"))
        var unresolved = Self.machine()
        guard case .openFailed(let dns) = unresolved.resolved(Self.resolution([])) else { Issue.record("connected"); return }
        #expect(dns.code == .dns)
    }

    @Test func https_handshakesBeforeOffering_andAHandshakeFailureIsTLS() {
        var machine = Self.machine(Origin(scheme: .https, host: "hooks.test", port: 443))
        _ = machine.resolved(Self.resolution([Self.a]))
        #expect(machine.connected(now: 0) == .startTLS)
        #expect(machine.handshakeCompleted(now: 0) == .offer)
        var failing = Self.machine(Origin(scheme: .https, host: "hooks.test", port: 443))
        _ = failing.resolved(Self.resolution([Self.a]))
        _ = failing.connected(now: 0)
        guard case .openFailed(let error) = failing.handshakeFailed("certificate verify failed") else { Issue.record("no failure"); return }
        #expect(error.code == .tls)
    }

    @Test func exchange_writesReadsAndGoesBackToThePoolIdle() {
        var machine = Self.idle()
        #expect(machine.assign(deadline: 10 * Self.second, timeout: .seconds(10)) == .writeRequest)
        #expect(machine.requestWritten() == .readResponse)
        #expect(machine.responseReceived(keepAlive: true, now: 2 * Self.second) == .deliver(keepAlive: true))
        #expect(machine.phase == .idle && machine.deadline == 32 * Self.second)
        #expect(machine.timerFired(now: 31 * Self.second) == .none)
        #expect(machine.timerFired(now: 32 * Self.second) == .close, "idle expiry")
    }

    @Test func responseThatEndsTheConnection_closesIt() {
        var machine = Self.idle()
        _ = machine.assign(deadline: 10 * Self.second, timeout: .seconds(10))
        _ = machine.requestWritten()
        #expect(machine.responseReceived(keepAlive: false, now: 0) == .deliver(keepAlive: false))
        #expect(machine.phase == .closed)
    }

    @Test func deadline_coversWritingAndReading() {
        var machine = Self.idle()
        _ = machine.assign(deadline: 3 * Self.second, timeout: .milliseconds(300))
        #expect(machine.timerFired(now: 3 * Self.second - 1) == .none)
        guard case .failExchange(let error, let retry) = machine.timerFired(now: 3 * Self.second) else { Issue.record("no timeout"); return }
        #expect(error.code == .timeout && !retry && error.message.contains("300 ms") && error.message.contains("writing"))
    }

    @Test func opening_isAbandonedQuietlyAtItsDeadline() {
        var machine = Self.machine(openDeadline: 5 * Self.second)
        _ = machine.resolved(Self.resolution([Self.a]))
        #expect(machine.timerFired(now: 5 * Self.second) == .close)
    }

    /// Only a reused connection closed before any byte of the answer may have been timed out by the peer unseen.
    @Test func closeBeforeTheAnswer_isRetriedOnlyOnAReusedConnection() {
        var fresh = Self.idle()
        _ = fresh.assign(deadline: 9 * Self.second, timeout: .seconds(9))
        _ = fresh.requestWritten()
        guard case .failExchange(let error, false) = fresh.connectionLost("closed by the peer") else { Issue.record("retried"); return }
        #expect(error.code == .connect)

        var reused = Self.idle()
        for expectRetry in [true, false] {
            if reused.phase == .closed { reused = Self.idle() }
            _ = reused.assign(deadline: 9 * Self.second, timeout: .seconds(9))
            _ = reused.requestWritten()
            _ = reused.responseReceived(keepAlive: true, now: 0)
            _ = reused.assign(deadline: 9 * Self.second, timeout: .seconds(9))
            _ = reused.requestWritten()
            if !expectRetry { reused.responseBytesReceived() }
            guard case .failExchange(_, let retry) = reused.connectionLost("closed by the peer") else { Issue.record("no failure"); return }
            #expect(retry == expectRetry)
        }
    }

    @Test func peerClosingAnIdleConnection_closesItQuietly() {
        var machine = Self.idle()
        #expect(machine.connectionLost("closed by the peer") == .close)
    }
}
