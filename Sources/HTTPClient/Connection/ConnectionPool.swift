/// The connections to one origin and the exchanges waiting for one: decides which waiting exchange gets which idle
/// connection, and when to open another (never more than `maxConnections`, never more than the waiting exchanges
/// need). A pure value of ids; the worker owns the connections and exchanges they name.
struct ConnectionPool {
    enum Decision: Equatable {
        /// Send `exchange` on the idle `connection` (both are taken out of the pool's free lists).
        case assign(exchange: UInt64, connection: UInt64)
        /// Open a connection (then report it with ``opened(_:)``).
        case open
    }

    let maxConnections: Int
    /// Idle connections, the most recently used last (reused first, so the others can expire).
    private(set) var idle: [UInt64] = []
    private(set) var busy: Set<UInt64> = []
    private(set) var opening: Set<UInt64> = []
    /// Waiting exchanges in arrival order from `head` on; ids no longer in `waitingSet` were removed.
    private var queue: [UInt64] = []
    private var head = 0
    private var waitingSet: Set<UInt64> = []

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    var connectionCount: Int { idle.count + busy.count + opening.count }
    var waitingCount: Int { waitingSet.count }
    /// Nothing open, nothing waiting: the pool can be dropped.
    var isUnused: Bool { connectionCount == 0 && waitingSet.isEmpty }

    /// What to do next, or nil when nothing can progress now. Call until nil.
    mutating func next() -> Decision? {
        guard let exchange = firstWaiting() else { return nil }
        if let connection = idle.popLast() {
            dequeueFirst()
            busy.insert(connection)
            return .assign(exchange: exchange, connection: connection)
        }
        if opening.count < waitingSet.count && connectionCount < maxConnections { return .open }
        return nil
    }

    /// An exchange waits for a connection; `first`: ahead of the others (a retry after a stale connection).
    mutating func enqueue(_ exchange: UInt64, first: Bool = false) {
        guard waitingSet.insert(exchange).inserted else { return }
        if first && head > 0 {
            head -= 1
            queue[head] = exchange
        } else if first {
            queue.insert(exchange, at: 0)
        } else {
            queue.append(exchange)
        }
    }

    /// Takes a waiting exchange out (timed out or cancelled); false when it was not waiting.
    @discardableResult
    mutating func remove(exchange: UInt64) -> Bool {
        waitingSet.remove(exchange) != nil
    }

    /// The oldest waiting exchange, taken out: opening a connection failed and the error is its answer.
    mutating func takeOldestWaiting() -> UInt64? {
        guard let exchange = firstWaiting() else { return nil }
        dequeueFirst()
        return exchange
    }

    mutating func opened(_ connection: UInt64) {
        opening.insert(connection)
    }

    /// A connection finished opening, or finished an exchange and stays open.
    mutating func becameIdle(_ connection: UInt64) {
        opening.remove(connection)
        busy.remove(connection)
        idle.append(connection)
    }

    mutating func closed(_ connection: UInt64) {
        opening.remove(connection)
        busy.remove(connection)
        idle.removeAll { $0 == connection }
    }

    private mutating func firstWaiting() -> UInt64? {
        while head < queue.count {
            if waitingSet.contains(queue[head]) { return queue[head] }
            head += 1
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
        return nil
    }

    private mutating func dequeueFirst() {
        waitingSet.remove(queue[head])
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
