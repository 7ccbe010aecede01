import Glibc

/// Many connections from one source address that send nothing: what a connection flood looks like. The test keeps
/// them open and watches which ones the server answers (a refusal, or a close).
///
/// `@unchecked Sendable`: like `TestClient`, it is handed from one blocking step to the next, each on its own
/// thread and awaited before the next starts, so its state is never touched by two threads at once.
final class IdleClients: @unchecked Sendable {
    let clients: [TestClient]
    /// Indices of the clients the server has not answered yet, as far as `waitForAnswers` has looked.
    private var silent: [Int]

    init(count: Int, port: Int, from source: String) throws {
        clients = try (0..<count).map { _ in try TestClient(port: port, from: source) }
        silent = Array(clients.indices)
    }

    /// Waits until at least `count` clients have something to read (a response, the end of the stream or a reset),
    /// or until `timeout` passes; returns those clients (all that were seen, possibly more than `count`).
    func waitForAnswers(atLeast count: Int, timeout: Duration) -> [TestClient] {
        let deadline = ContinuousClock.now + timeout
        var answered: [Int] = []
        while answered.count < count, ContinuousClock.now < deadline {
            var polled = silent.map { pollfd(fd: clients[$0].fd, events: Int16(POLLIN), revents: 0) }
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&polled, nfds_t(polled.count), max(1, milliseconds)) > 0 else { continue }
            // Those that answered stay readable: take them out, so the next poll waits for the others.
            let ready = Set(polled.indices.filter { polled[$0].revents != 0 })
            answered += ready.map { silent[$0] }
            silent = silent.indices.filter { !ready.contains($0) }.map { silent[$0] }
        }
        return answered.map { clients[$0] }
    }
}
