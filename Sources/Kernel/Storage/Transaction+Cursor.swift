extension Transaction {
    /// The `seq` of row `id` in `table` within `scope`: the position a `starting_after` cursor names in a list that
    /// pages newest first by `seq`. Throws 404 ``DomainError/unknownCursor(_:_:)`` when the id is not there.
    /// `table` is a constant of the calling module, never request input.
    public func cursorPosition(_ id: String, in table: String, scope: TenantScope, naming what: String) throws -> Int64 {
        guard let seq = try scalar("SELECT seq FROM \(table) WHERE id = ? AND operator_id = ? AND mode = ?",
                                   [id, scope.operatorID, scope.mode], as: Int64.self)
        else { throw DomainError.unknownCursor(what, id) }
        return seq
    }
}
