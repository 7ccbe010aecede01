/// Runs a server's services side by side and stops them in order (swift-service-lifecycle's model, written here).
///
/// ``run(until:)`` starts every service in the order given, then waits for one of three things: the shutdown
/// trigger returns (SIGTERM), the calling task is cancelled, or a service dies. Then it cancels the services that
/// still run in reverse order, each one awaited before the next is cancelled, so the HTTP server (started last) has
/// drained before the dispatcher stops, and the bus (started first) stops last. A service that died is logged and
/// thrown as a ``ServiceGroupError`` once the others have stopped.
public struct ServiceGroup: Sendable {
    public let services: [any Service]
    private let logger: Logger

    /// Traps on two services with the same name: logs and errors could not tell them apart.
    public init(_ services: [any Service], logger: Logger = .discard) {
        precondition(Set(services.map(\.name)).count == services.count, "two services share a name: \(services.map(\.name))")
        self.services = services
        self.logger = logger
    }

    /// What ends the wait.
    private enum Stop: Sendable {
        case requested
        case died(index: Int, outcome: Result<Void, any Error>)
    }

    /// Runs every service until `shutdown` returns, the calling task is cancelled, or a service dies; returns once
    /// every service has stopped.
    /// - Throws: ``ServiceGroupError`` when a service died (finished or threw before it was cancelled).
    public func run(until shutdown: @escaping @Sendable () async -> Void) async throws {
        let (stops, sink) = AsyncStream.makeStream(of: Stop.self)
        var tasks = [Task<Result<Void, any Error>, Never>]()
        for (index, service) in services.enumerated() {
            tasks.append(Task {
                let outcome: Result<Void, any Error>
                do { outcome = .success(try await service.run()) } catch { outcome = .failure(error) }
                sink.yield(.died(index: index, outcome: outcome))
                return outcome
            })
            logger.info("service started", ["service": service.name])
        }
        let trigger = Task {
            await shutdown()
            sink.yield(.requested)
        }
        let stop = await withTaskCancellationHandler {
            var iterator = stops.makeAsyncIterator()
            return await iterator.next() ?? .requested
        } onCancel: {
            sink.yield(.requested)
        }
        trigger.cancel()

        var death: ServiceGroupError?
        if case .died(let index, let outcome) = stop {
            death = report(services[index], outcome)
        }
        for index in tasks.indices.reversed() {
            if case .died(index, _) = stop { continue }
            tasks[index].cancel()
            let outcome = await tasks[index].value
            if case .failure(let error) = outcome, !(error is CancellationError) {
                logger.error("service failed while stopping", ["service": services[index].name, "error": "\(error)"])
            } else {
                logger.info("service stopped", ["service": services[index].name])
            }
        }
        sink.finish()
        if let death { throw death }
    }

    /// Logs a service that died and says why.
    private func report(_ service: any Service, _ outcome: Result<Void, any Error>) -> ServiceGroupError {
        let error: ServiceGroupError
        switch outcome {
        case .success: error = ServiceGroupError(code: .serviceFinishedEarly, service: service.name, underlying: nil)
        case .failure(let thrown): error = ServiceGroupError(code: .serviceFailed, service: service.name, underlying: thrown)
        }
        logger.error("service stopped unexpectedly; stopping the others", ["service": service.name, "error": error.description])
        return error
    }
}
