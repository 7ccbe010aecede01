import Kernel

/// Phone numbers as WhatsApp needs them.
enum PhoneNumber {
    /// E.164: `+`, then 8–15 digits, the first not zero (e.g. `+919876543210`).
    static func e164(_ raw: String, field: String) throws -> String {
        let digits = raw.dropFirst()
        guard raw.hasPrefix("+"), (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0"
        else { throw DomainError.invalidField(field, "must be an E.164 number like +919876543210") }
        return raw
    }
}
