@testable import HTTPClient
import Testing

/// The pool's decisions as a value.
@Suite struct ConnectionPoolTests {
    @Test func waitingExchanges_openConnectionsUpToTheBound_andNoMoreThanTheyNeed() {
        var pool = ConnectionPool(maxConnections: 2)
        pool.enqueue(1)
        #expect(pool.next() == .open)
        pool.opened(100)
        #expect(pool.next() == nil, "one opening connection serves the one waiting exchange")
        pool.enqueue(2)
        pool.enqueue(3)
        #expect(pool.next() == .open)
        pool.opened(101)
        #expect(pool.next() == nil, "at the bound")
        pool.becameIdle(101)
        #expect(pool.next() == .assign(exchange: 1, connection: 101), "the oldest waiting exchange goes first")
        pool.becameIdle(100)
        #expect(pool.next() == .assign(exchange: 2, connection: 100))
        #expect(pool.next() == nil)
        pool.closed(100)
        #expect(pool.next() == .open, "a closed connection frees a place")
    }

    @Test func idleConnections_theMostRecentlyUsedIsReusedFirst() {
        var pool = ConnectionPool(maxConnections: 4)
        for connection: UInt64 in [10, 11, 12] { pool.opened(connection); pool.becameIdle(connection) }
        pool.enqueue(1)
        #expect(pool.next() == .assign(exchange: 1, connection: 12))
    }

    @Test func removedExchanges_areSkipped_andRetriesGoFirst() {
        var pool = ConnectionPool(maxConnections: 1)
        for exchange: UInt64 in 1...4 { pool.enqueue(exchange) }
        #expect(pool.remove(exchange: 1) && !pool.remove(exchange: 1))
        pool.enqueue(9, first: true)
        #expect(pool.takeOldestWaiting() == 9)
        #expect(pool.takeOldestWaiting() == 2)
        pool.opened(50)
        pool.becameIdle(50)
        #expect(pool.next() == .assign(exchange: 3, connection: 50))
        #expect(pool.waitingCount == 1 && !pool.isUnused)
        pool.closed(50)
        _ = pool.takeOldestWaiting()
        #expect(pool.isUnused)
    }
}
