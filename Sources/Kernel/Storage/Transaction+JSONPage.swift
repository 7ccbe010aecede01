extension Transaction {
    /// The JSON of a ``Page`` written straight from a list query's rows, the bytes `JSONWriter.encode(Page(fetched:
    /// limit:))` gives for the items those rows would make: `{"data":[…],"has_more":…,"object":"list"}`.
    ///
    /// `sql` reads `limit + 1` rows, as for ``Page/init(fetched:limit:)``: the first `limit` are written by `item`,
    /// one more only says that more exist. Nothing is kept per row (no ``Row``, no item value, no `String` per text
    /// column); the answer's storage is reserved for `limit` items of `itemSizeHint` bytes.
    public func jsonPage(
        _ sql: String, _ arguments: [any SQLValueConvertible], limit: Int, itemSizeHint: Int,
        item: (borrowing RowCursor, inout JSONWriter) throws -> Void
    ) throws -> [UInt8] {
        try JSONWriter.encode(capacity: 48 + limit * itemSizeHint) { json in
            var written = 0
            var hasMore = false
            try json.object { json in
                json.key("data")
                json.beginArray()
                try forEachRow(sql, arguments) { row in
                    guard written < limit else {
                        hasMore = true
                        return
                    }
                    json.separateElement()
                    try item(row, &json)
                    written += 1
                }
                json.endArray()
                json.field("has_more", hasMore)
                json.field("object", "list")
            }
        }
    }
}
