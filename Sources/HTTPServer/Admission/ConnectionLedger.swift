/// Counts a server's open connections per client address (`AddressKey`) and decides whether a new one may open.
/// A pure value: the server keeps one behind a mutex that its I/O threads share, so the counts are exact whichever
/// thread accepts a connection and whichever closes it. A decision is O(1): one dictionary lookup and update.
///
/// A connection is admitted when all three hold:
/// 1. fewer than `maxConnections` connections are open;
/// 2. its address holds fewer than `maxPerAddress`;
/// 3. **the share policy**: while the server is crowded (at least `crowdedAt` connections open, that is all but
///    the last eighth of `maxConnections`, rounded up), its address holds fewer than its fair share, `crowdedAt`
///    divided among the addresses holding connections (at least 1).
///
/// What the share policy guarantees, whatever the limits: once crowded, the address holding the most connections
/// is refused (it holds at least the average, `total / addresses ≥ crowdedAt / addresses`), while an address that
/// holds none is admitted until the server is full. So one address alone never holds more than `crowdedAt`, and
/// the last eighth is left to the addresses that hold the least. Refusing beats evicting: it decides on the
/// accepting thread alone, and closes nobody's connection, whereas closing the heaviest address's connections
/// would have to reach into other I/O threads. The limit it leaves: many addresses (a botnet, or an IPv6 network
/// wider than /64) can still fill the server, each under its share; the first-byte deadline then bounds how long
/// their idle connections hold a slot.
struct ConnectionLedger: Sendable {
    /// Why a connection may not open, or that it may.
    enum Decision: Sendable, Equatable {
        case admit
        case refuse(ConnectionRefusal)
    }

    let maxConnections: Int
    let maxPerAddress: Int
    /// Open connections from which the share policy applies.
    let crowdedAt: Int
    /// Connections open in all.
    private(set) var total = 0
    /// Connections open per address; an address holding none has no entry.
    private var counts: [AddressKey: Int] = [:]

    init(maxConnections: Int, maxPerAddress: Int) {
        self.maxConnections = maxConnections
        self.maxPerAddress = maxPerAddress
        crowdedAt = maxConnections - (maxConnections + 7) / 8
    }

    /// Addresses holding at least one connection.
    var addresses: Int { counts.count }

    /// Counts a new connection from `key` in, or says why it may not open (and counts nothing).
    mutating func admit(_ key: AddressKey) -> Decision {
        let held = counts[key] ?? 0
        if total >= maxConnections { return .refuse(.serverFull) }
        if held >= maxPerAddress { return .refuse(.addressLimit) }
        if total >= crowdedAt {
            let holders = counts.count + (held == 0 ? 1 : 0)
            if held >= max(1, crowdedAt / holders) { return .refuse(.overShare) }
        }
        counts[key] = held + 1
        total += 1
        return .admit
    }

    /// Counts out a connection of `key` that `admit` counted in.
    mutating func release(_ key: AddressKey) {
        guard let held = counts[key] else {
            assertionFailure("released a connection of \(key) that was never admitted")
            return
        }
        counts[key] = held > 1 ? held - 1 : nil
        total -= 1
    }
}
