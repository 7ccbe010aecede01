import Foundation

/// A `Decoder` over a parsed ``JSONValue`` that refuses every coercion: a string is never a number, `1.5` is never
/// an `Int` (though `2.0` and `2e3` are, as in JSON Schema's `integer`), `null` is never a missing value's default. Errors are standard `DecodingError`s whose descriptions are
/// the sentences clients read, so a request type's own `init(from:)` can throw `DecodingError.dataCorrupted` with a
/// message of its own.
///
/// Scalars decode to `String`, `Bool`, the integer types and the floating-point types; everything else through its
/// own `Decodable` conformance. Foundation's `Date`, `URL`, `Data` and `Decimal` rely on `JSONDecoder` special cases,
/// so request types take such values as strings (RFC 3339, URLs) or integers (minor currency units) and parse them.
package final class ValueDecoder: Decoder {
    package let value: JSONValue
    package let codingPath: [any CodingKey]
    let session: DecodeSession
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, at codingPath: [any CodingKey], session: DecodeSession) {
        self.value = value
        self.codingPath = codingPath
        self.session = session
    }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw Self.mismatch(value, expected: "an object", at: codingPath) }
        return KeyedDecodingContainer(ValueKeyedContainer<Key>(members: members, codingPath: codingPath, session: session))
    }

    package func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw Self.mismatch(value, expected: "an array", at: codingPath) }
        return ValueUnkeyedContainer(elements: elements, codingPath: codingPath, session: session)
    }

    package func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ValueSingleContainer(decoder: self)
    }

    /// Decodes `value` as `T`: the one funnel every container calls, so the conversion rules live here.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, at path: [any CodingKey], session: DecodeSession) throws -> T {
        if T.self == String.self {
            guard case .string(let s) = value else { throw mismatch(value, expected: "a string", at: path) }
            return s as! T
        }
        if T.self == Bool.self {
            guard case .bool(let b) = value else { throw mismatch(value, expected: "a boolean", at: path) }
            return b as! T
        }
        if let integer = T.self as? any FixedWidthInteger.Type {
            return try decodeInteger(integer, from: value, at: path) as! T
        }
        if let floatingPoint = T.self as? any (BinaryFloatingPoint & LosslessStringConvertible).Type {
            return try decodeFloatingPoint(floatingPoint, from: value, at: path) as! T
        }
        do {
            return try T(from: ValueDecoder(value, at: path, session: session))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.count == path.count {
            guard let enumeration = T.self as? any CaseIterable.Type else { throw DecodingError.dataCorrupted(context) }
            let choices = caseNames(enumeration).map { "\"\($0)\"" }.joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Expected one of \(choices)."))
        }
    }

    private static func decodeInteger<I: FixedWidthInteger>(_: I.Type, from value: JSONValue, at path: [any CodingKey]) throws -> I {
        guard case .number(let text) = value else { throw mismatch(value, expected: "an integer", at: path) }
        guard let integer = I(text) ?? integralValue(text).flatMap({ I($0) }) else {
            throw DecodingError.typeMismatch(I.self, .init(
                codingPath: path, debugDescription: "Expected an integer between \(I.min) and \(I.max), found \(text)."))
        }
        return integer
    }

    /// The digits of a number written with a fraction or an exponent whose value is whole (`2.0`, `2e3`), else nil.
    private static func integralValue(_ text: String) -> String? {
        guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), decimal.isFinite else { return nil }
        var value = decimal, whole = Decimal()
        NSDecimalRound(&whole, &value, 0, .plain)
        return whole == decimal ? NSDecimalNumber(decimal: whole).stringValue : nil
    }

    private static func decodeFloatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _: F.Type, from value: JSONValue, at path: [any CodingKey]
    ) throws -> F {
        guard case .number(let text) = value else { throw mismatch(value, expected: "a number", at: path) }
        guard let number = F(text), number.isFinite else {
            throw DecodingError.typeMismatch(F.self, .init(codingPath: path, debugDescription: "The number \(text) is out of range."))
        }
        return number
    }

    private static func caseNames<E: CaseIterable>(_: E.Type) -> [String] {
        E.allCases.map { choice in (choice as? any RawRepresentable).map { "\($0.rawValue)" } ?? "\(choice)" }
    }

    /// "Expected a string, found a number." (`valueNotFound` for null, as Swift's own decoders report it.)
    package static func mismatch(_ value: JSONValue, expected: String, at path: [any CodingKey]) -> DecodingError {
        let context = DecodingError.Context(codingPath: path, debugDescription: "Expected \(expected), found \(value.kindDescription).")
        return value == .null ? .valueNotFound(Any.self, context) : .typeMismatch(Any.self, context)
    }
}
