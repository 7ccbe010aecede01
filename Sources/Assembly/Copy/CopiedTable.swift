/// One table the copy moves: its name, the source's columns (every one of which the target has), and the target's
/// columns PostgreSQL numbers itself (identity or serial), whose sequences must end up past the copied values.
struct CopiedTable: Equatable, Sendable {
    let name: String
    let columns: [String]
    let numberedColumns: [String]
    /// SQLite's high-water mark for an `AUTOINCREMENT` table (`sqlite_sequence`): numbers up to it were handed out,
    /// perhaps to rows deleted since, and must never be handed out again (the bus checkpoints point at them).
    let highWaterMark: Int64?
}
