/// Bytes received from a peer and not yet parsed. Reads land directly in its spare capacity (no staging copy);
/// parsed bytes are dropped from the front, and what remains slides back only when the tail runs out of room.
package struct ReceiveBuffer {
    private var storage: [UInt8] = []
    private var readerIndex = 0
    private var writerIndex = 0

    package init() {}

    package var readableCount: Int { writerIndex - readerIndex }
    package var isEmpty: Bool { readerIndex == writerIndex }

    /// Hands `fill` at least `minimumSpace` writable bytes at the tail and keeps the first `n` it reports written.
    /// Returns what `fill` returns, so an I/O result passes straight through.
    package mutating func write<Result>(
        minimumSpace: Int, _ fill: (UnsafeMutableRawBufferPointer) -> (written: Int, result: Result)
    ) -> Result {
        reserveTail(minimumSpace)
        let (written, result) = storage.withUnsafeMutableBytes { raw in
            fill(UnsafeMutableRawBufferPointer(rebasing: raw[writerIndex...]))
        }
        writerIndex += written
        return result
    }

    /// Copies `bytes` in (the connection reads into `write`'s space instead; tests feed bytes this way).
    package mutating func append(_ bytes: some Collection<UInt8>) {
        write(minimumSpace: bytes.count) { space in
            space.copyBytes(from: bytes)
            return (bytes.count, ())
        }
    }

    package func withReadableBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        storage.withUnsafeBytes { raw in body(UnsafeRawBufferPointer(rebasing: raw[readerIndex..<writerIndex])) }
    }

    package mutating func consume(_ count: Int) {
        precondition(count <= readableCount)
        readerIndex += count
        if readerIndex == writerIndex {
            readerIndex = 0
            writerIndex = 0
        }
    }

    /// Frees the storage when nothing is buffered and it grew beyond `limit` (a large body passed through).
    package mutating func shrink(ifLargerThan limit: Int) {
        if isEmpty && storage.count > limit { storage = [] }
    }

    private mutating func reserveTail(_ minimum: Int) {
        if storage.count - writerIndex >= minimum { return }
        let live = readableCount
        if readerIndex > 0 && storage.count - live >= minimum {
            storage.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + readerIndex, byteCount: live)
            }
        } else {
            let capacity = Swift.max(storage.count * 2, live + minimum, 4096)
            storage = [UInt8](unsafeUninitializedCapacity: capacity) { new, initialized in
                storage.withUnsafeBytes { old in
                    UnsafeMutableRawBufferPointer(new).copyMemory(from: UnsafeRawBufferPointer(rebasing: old[readerIndex..<writerIndex]))
                }
                // The tail is plain bytes that are always written (by a read) before they are read.
                initialized = capacity
            }
        }
        readerIndex = 0
        writerIndex = live
    }
}
