/// The engine-neutral ``StorageError/Code`` of a PostgreSQL SQLSTATE
/// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
enum PostgresErrorCode {
    static func code(sqlState: String) -> StorageError.Code {
        switch sqlState {
        case "23505": .uniqueViolation
        case _ where sqlState.hasPrefix("23"): .constraintViolation
        // Serialisation failure, deadlock, lock not available: another transaction was in the way.
        case "40001", "40P01", "55P03": .busy
        // Connection exceptions; the server shutting down or starting up; too many connections.
        case _ where sqlState.hasPrefix("08"), "57P01", "57P02", "57P03", "53300": .connectionLost
        // Invalid authorisation, unknown database.
        case "28000", "28P01", "3D000": .cannotOpen
        default: .engine
        }
    }
}
