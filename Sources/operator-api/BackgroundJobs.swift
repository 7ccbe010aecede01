/// Long-running loops (dispatchers, schedulers, sweepers) started together and stopped together.
final class BackgroundJobs: @unchecked Sendable {
    // @unchecked: `tasks` is touched only by the composition root's own task, while starting and while stopping.
    private var tasks: [Task<Void, Never>] = []

    func start(_ body: @escaping @Sendable () async -> Void) {
        tasks.append(Task { await body() })
    }

    /// Cancels every job and waits for each to finish its current step.
    func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        tasks = []
    }
}
