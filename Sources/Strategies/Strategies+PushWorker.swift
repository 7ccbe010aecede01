import Kernel

extension Strategies {
    /// Runs batches of pending pushes, oldest push first, until none is left or `maxBatches` have run. Returns how
    /// many batches ran. Tests call it to finish pushes deterministically; the worker loop calls it when woken.
    @discardableResult
    public func runPendingPushes(maxBatches: Int = .max) async throws -> Int {
        let size = settings.pushBatchSize
        var batches = 0
        while batches < maxBatches {
            let ran = try await database.write { tx -> Bool in
                guard let push = try PushRecords.nextPending(tx) else { return false }
                try PushBatch.run(push, size: size, tx)
                return true
            }
            guard ran else { break }
            batches += 1
        }
        return batches
    }

    /// Starts the background push worker. It first finishes any push a previous process left unfinished, then
    /// sleeps until a push is queued. Idempotent. The worker holds the actor until ``stopPushWorker()``: call it at
    /// shutdown.
    public func startPushWorker() {
        guard worker == nil else { return }
        let (wakes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeWorker = continuation
        continuation.yield()
        worker = Task { await self.work(on: wakes) }
    }

    /// Stops the worker after its current batch (each batch is one transaction, so nothing is left half done).
    public func stopPushWorker() async {
        wakeWorker?.finish()
        worker?.cancel()
        await worker?.value
        worker = nil
        wakeWorker = nil
    }

    private func work(on wakes: AsyncStream<Void>) async {
        for await _ in wakes {
            var failures = 0
            while !Task.isCancelled {
                do {
                    try await runPendingPushes()
                    break
                } catch {
                    failures += 1
                    let delay = settings.workerBackoff.delay(afterFailures: failures)
                    logger.error("push worker failed; retrying", ["error": "\(error)", "retry_in_ms": "\(delay.milliseconds)"])
                    do { try await database.clock.sleep(for: delay) } catch { return }
                }
            }
        }
    }
}
