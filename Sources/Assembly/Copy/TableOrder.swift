/// The order the copy fills tables in, so that every foreign key finds its row: a table after every table it refers
/// to (a table referring to itself is left to its rows' own order). Tables in a cycle, which no order satisfies,
/// come last in name order, and their first insert that breaks a key says so.
enum TableOrder {
    /// `names` (in their given order where nothing constrains it), each after its `parents`.
    static func parentsFirst(_ names: [String], parents: [String: Set<String>]) -> [String] {
        var ordered = [String](), placed = Set<String>(), waiting = names
        while true {
            let ready = waiting.filter { parents[$0, default: []].allSatisfy { placed.contains($0) || !names.contains($0) } }
            guard !ready.isEmpty else { return ordered + waiting }
            ordered += ready
            placed.formUnion(ready)
            waiting.removeAll { placed.contains($0) }
        }
    }
}
