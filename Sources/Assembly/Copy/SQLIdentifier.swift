/// A table or column name written into SQL as a quoted identifier. Names cannot be bound parameters; the copy only
/// writes names it read from the databases' own catalogs, quoted so that none can end the identifier.
enum SQLIdentifier {
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
