extension JSONWriter {
    /// `"name":"…"` from the text column at `position` of `row`, escaped from its bytes in place: what
    /// ``field(_:_:)`` writes for the `String` ``Row/get(at:as:)`` would read. Throws that read's error when the value
    /// is not text (NULL included).
    public mutating func field(_ name: StaticString, textAt position: Int, of row: borrowing RowCursor) throws {
        guard try textField(name, at: position, of: row) else { throw row.mismatch(at: position, String.self) }
    }

    /// `"name":"…"` from the text column at `position` of `row`, left out when it is NULL (as a nil `String?` is).
    public mutating func field(_ name: StaticString, optionalTextAt position: Int, of row: borrowing RowCursor) throws {
        try textField(name, at: position, of: row)
    }

    /// Writes the member unless the value is NULL; whether it did.
    @discardableResult
    private mutating func textField(_ name: StaticString, at position: Int, of row: borrowing RowCursor) throws -> Bool {
        try row.withText(at: position) { text in
            key(name)
            string(utf8: text)
        }
    }
}
