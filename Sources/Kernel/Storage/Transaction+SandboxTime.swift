extension Transaction {
    /// What "now" is for `scope`: its sandbox's frozen time when it is a sandbox on a test clock, the body's wall
    /// time otherwise (see ``SandboxClocks``).
    public func now(for scope: TenantScope) -> Timestamp {
        sandboxClocks?.frozenTime(of: scope) ?? wallNow
    }

    /// From here on the body works for `scope`: ``now`` becomes that scope's time. For a body that learns its scope
    /// from what it reads (a global id, a login token); a body that knows it up front uses ``Database/write(for:_:)``.
    public func useClock(of scope: TenantScope) {
        now = now(for: scope)
    }

    /// "Now" in each row's own tenant scope, as an SQL expression over the row's operator and mode columns, for the
    /// passes that judge many tenants' rows at once (`WHERE expires_at <= <this>`). Without test clocks it is the
    /// wall time itself, one argument; with them, a `CASE` that gives each clocked sandbox's rows its frozen time.
    public func nowOfEachRow(operatorColumn: String = "operator_id", modeColumn: String = "mode") -> SQLFragment {
        let clocks = sandboxClocks?.all ?? [:]
        guard !clocks.isEmpty else { return SQLFragment("?", [wallNow]) }
        var sql = "(CASE"
        var arguments = [any SQLValueConvertible]()
        for (operatorID, time) in clocks.sorted(by: { $0.key < $1.key }) {
            sql += " WHEN \(modeColumn) = 'test' AND \(operatorColumn) = ? THEN ?"
            arguments += [operatorID, time]
        }
        return SQLFragment(sql + " ELSE ? END)", arguments + [wallNow])
    }
}
