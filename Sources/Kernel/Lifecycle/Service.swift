/// A long-running part of the server (the event bus, a scheduler, the webhook dispatcher, the HTTP server) that a
/// ``ServiceGroup`` runs beside the others.
///
/// ``run()`` does the service's work until its task is cancelled, then stops cleanly (drains, persists) and
/// returns. Returning or throwing before that means the service died: the group reports it and stops the rest.
public protocol Service: Sendable {
    /// The name logs and errors give it, e.g. `webhooks.dispatcher`.
    var name: String { get }

    /// Runs until the task is cancelled, then cleans up and returns.
    func run() async throws
}
