import Kernel

/// A binary min-heap of (time, key): the endpoints set aside, by when they may be looked at again.
struct WakeupHeap {
    struct Entry {
        let time: Timestamp
        let key: String
    }

    private var entries: [Entry] = []

    var earliest: Timestamp? { entries.first?.time }

    mutating func push(_ time: Timestamp, _ key: String) {
        entries.append(Entry(time: time, key: key))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].time < entries[parent].time else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entries due at `now`, earliest first.
    mutating func popDue(_ now: Timestamp) -> [Entry] {
        var due = [Entry]()
        while let first = entries.first, first.time <= now { due.append(popFirst()) }
        return due
    }

    private mutating func popFirst() -> Entry {
        let first = entries[0]
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].time < entries[smallest].time { smallest = left }
            if right < entries.count && entries[right].time < entries[smallest].time { smallest = right }
            if smallest == parent { return first }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
