/// Formats integer paise as rupees for people (inbox text, WhatsApp templates): `₹1,234.50`, `-₹12.00`.
///
/// Uses Indian digit grouping (lakh, crore: `₹12,34,567.00`). The API itself always carries integer paise.
enum Rupees {
    static func format(_ paise: Int64) -> String {
        let magnitude = paise.magnitude
        let rupees = String(magnitude / 100), fraction = magnitude % 100
        var grouped = String(rupees.suffix(3))
        var rest = rupees.dropLast(3)
        while !rest.isEmpty {
            grouped = rest.suffix(2) + "," + grouped
            rest = rest.dropLast(2)
        }
        return (paise < 0 ? "-₹" : "₹") + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
