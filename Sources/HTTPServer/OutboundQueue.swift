import HTTPCore

/// The bytes still to be sent on one connection, in order. Each flush sends up to two pending arrays (typically
/// a response's head and body) with one gathered write.
struct OutboundQueue {
    private var pending: [[UInt8]] = []
    /// How much of `pending[0]` is already sent.
    private var sentOfFirst = 0

    enum FlushResult {
        case flushed
        case wouldBlock
        case failed
    }

    var isEmpty: Bool { pending.isEmpty }

    mutating func append(_ bytes: [UInt8]) {
        if !bytes.isEmpty { pending.append(bytes) }
    }

    /// Sends until everything is out or the socket's buffer is full.
    mutating func flush(to fd: Int32) -> FlushResult {
        while !pending.isEmpty {
            let result = pending[0].withUnsafeBytes { first in
                let unsent = UnsafeRawBufferPointer(rebasing: first[sentOfFirst...])
                guard pending.count > 1 else { return Socket.send(fd, unsent, UnsafeRawBufferPointer(start: nil, count: 0)) }
                return pending[1].withUnsafeBytes { second in Socket.send(fd, unsent, second) }
            }
            switch result {
            case .transferred(let count): advance(by: count)
            case .wouldBlock: return .wouldBlock
            case .endOfFile, .failed: return .failed
            }
        }
        return .flushed
    }

    private mutating func advance(by count: Int) {
        var count = count
        while count > 0 {
            let unsent = pending[0].count - sentOfFirst
            guard count >= unsent else {
                sentOfFirst += count
                return
            }
            count -= unsent
            pending.removeFirst()
            sentOfFirst = 0
        }
    }
}
