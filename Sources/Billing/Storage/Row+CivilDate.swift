import Kernel

/// Billing stores usage days as `YYYY-MM-DD` text: readable, and it sorts and compares in date order.
extension Row {
    func civilDate(_ column: String) throws -> CivilDate {
        let text: String = try get(column)
        guard let date = CivilDate(text) else { throw StorageError(.invalidValue, "column \(column) holds '\(text)', not a date") }
        return date
    }
}
