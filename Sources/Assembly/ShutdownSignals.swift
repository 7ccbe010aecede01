import Dispatch
import Foundation

/// SIGTERM and SIGINT as an async sequence, so `serve` can await the first one and shut down in order.
final class ShutdownSignals: Sendable {
    private let stream: AsyncStream<Int32>

    init() {
        stream = AsyncStream { continuation in
            let sources = [SIGTERM, SIGINT].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            let box = SourceBox(sources: sources)
            continuation.onTermination = { _ in box.sources.forEach { $0.cancel() } }
        }
    }

    /// The next signal caught.
    func next() async -> Int32 {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next() ?? SIGTERM
    }
}

/// Keeps the signal sources alive for the stream's lifetime. `@unchecked Sendable` is safe: Dispatch sources are
/// thread-safe objects, and the box only ever cancels them.
private struct SourceBox: @unchecked Sendable {
    let sources: [any DispatchSourceSignal]
}
