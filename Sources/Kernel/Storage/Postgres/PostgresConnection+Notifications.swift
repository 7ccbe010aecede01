import Glibc

extension PostgresConnection {
    /// Starts listening on `channel` (a plain identifier: ``PostgresCluster/channel``).
    func listen(_ channel: String) throws {
        try executeScript("LISTEN \"\(channel)\"")
    }

    /// The payloads of the notifications that arrived, waiting for the first at most `timeoutMilliseconds`. Throws
    /// ``StorageError/Code/connectionLost`` when the connection is gone.
    func awaitNotifications(timeoutMilliseconds: Int32) throws -> [String] {
        guard let handle, library.status(handle) == LibPQ.connectionOK else {
            throw StorageError(.connectionLost, "the listening connection to PostgreSQL is gone")
        }
        var payloads = takeNotifications(handle)
        if !payloads.isEmpty { return payloads }
        var descriptor = pollfd(fd: library.socket(handle), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { throw StorageError(.connectionLost, "the listening connection to PostgreSQL has no socket") }
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        if ready < 0 && errno != EINTR { throw StorageError(.connectionLost, "poll on the listening connection failed (errno \(errno))") }
        guard ready > 0 else { return [] }
        guard library.consumeInput(handle) == 1, library.status(handle) == LibPQ.connectionOK else {
            throw StorageError(.connectionLost, "the listening connection to PostgreSQL was lost")
        }
        payloads = takeNotifications(handle)
        return payloads
    }

    private func takeNotifications(_ handle: LibPQ.Connection) -> [String] {
        var payloads = [String]()
        while let notification = library.notifies(handle) {
            let fields = notification.assumingMemoryBound(to: LibPQ.PGnotify.self).pointee
            payloads.append(fields.extra.map { String(cString: $0) } ?? "")
            library.freemem(notification)
        }
        return payloads
    }
}
