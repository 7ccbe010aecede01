import Kernel

/// What a database's handlers of one channel receive, for tests to await (never to sleep on): registered after the
/// code under test registered its own handlers, so by the time a notification reaches it, theirs has run.
public final class NotificationRecorder: Sendable {
    private let stream: AsyncStream<DatabaseNotification>
    private let continuation: AsyncStream<DatabaseNotification>.Continuation

    /// Starts recording what `database` delivers on `channel`.
    public init(_ database: Database, channel: String) {
        (stream, continuation) = AsyncStream.makeStream()
        database.onNotification(channel) { [continuation] in continuation.yield($0) }
    }

    /// Returns once `notification` was delivered (skipping others); the recording goes on after it.
    public func wait(for notification: DatabaseNotification) async {
        for await delivered in stream where delivered == notification { return }
    }

    /// Returns the payload of the next message delivered (skipping may-have-missed signals).
    public func nextMessage() async -> String? {
        for await delivered in stream { if case .message(let payload) = delivered { return payload } }
        return nil
    }
}
