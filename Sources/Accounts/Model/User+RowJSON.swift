import Kernel

extension User {
    /// Writes the user in the row of ``select`` that `row` is on: the bytes `User(row:)` and then ``write(to:)``
    /// give, without making the `User` (no `String` per column; text is escaped from the row's bytes). A broker
    /// link, which few users have, is read out into a ``BrokerStatus`` first.
    static func writeJSON(of row: borrowing RowCursor, to json: inout JSONWriter) throws {
        let broker = row.isNull(at: UserColumn.broker.rawValue) ? nil : try BrokerStatus(userRow: row.row())
        try json.object { json in
            json.field("broker", broker)
            json.field("created_at", try row.get(UserColumn.createdAt, as: Timestamp.self))
            json.field("deleted_at", try row.get(UserColumn.deletedAt, as: Timestamp?.self))
            try json.field("email", optionalTextAt: UserColumn.email.rawValue, of: row)
            try json.field("external_id", optionalTextAt: UserColumn.externalID.rawValue, of: row)
            try json.field("id", textAt: UserColumn.id.rawValue, of: row)
            json.field("livemode", try row.get(UserColumn.mode, as: Mode.self) == .live)
            try json.field("name", optionalTextAt: UserColumn.name.rawValue, of: row)
            json.field("object", "user")
            try json.field("phone", optionalTextAt: UserColumn.phone.rawValue, of: row)
            try json.field("plan_id", textAt: UserColumn.planID.rawValue, of: row)
            json.field("purge_after", try row.get(UserColumn.purgeAfter, as: Timestamp?.self))
            try json.field("status", textAt: UserColumn.status.rawValue, of: row)
        }
    }
}
