import Foundation
import Kernel

/// Decodes a subscriber's mirror from a published payload, as `JSONDecoder` would, and records every key the mirror
/// asked for (`user.plan_id`, `by_plan[].amount_paise`) and every key the payload had.
///
/// A mirror reads optional fields with `decodeIfPresent`, which decodes happily when a key is missing: so a decode
/// that succeeds proves little. What the contract asks is that every key a mirror reads is one its publisher
/// sends, in at least one of the samples.
final class PresenceAudit {
    private(set) var requested: Set<String> = []
    private(set) var present: Set<String> = []

    /// Decodes `type` from `payload` (JSON text), recording what it read.
    func decode(_ type: any Decodable.Type, from payload: String) throws {
        let value = try JSONDecoder().decode(AnyJSON.self, from: Data(payload.utf8))
        _ = try type.init(from: AuditingDecoder(value, path: "", audit: self))
    }

    fileprivate func asked(_ path: String, found: Bool) {
        requested.insert(path)
        if found { present.insert(path) }
    }
}

/// The `Decoder` over an ``AnyJSON`` value that reports to a ``PresenceAudit``.
private struct AuditingDecoder: Decoder {
    let value: AnyJSON
    let path: String
    let audit: PresenceAudit
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: AnyJSON, path: String, audit: PresenceAudit) {
        self.value = value
        self.path = path
        self.audit = audit
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch("an object") }
        return KeyedDecodingContainer(AuditingKeyedContainer(members: members, path: path, audit: audit))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch("an array") }
        return AuditingUnkeyedContainer(elements: elements, path: path + "[]", audit: audit)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { AuditingSingleValue(decoder: self) }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: [], debugDescription: "\(path): expected \(expected), found \(value.typeName)"))
    }
}

private struct AuditingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: AnyJSON]
    let path: String
    let audit: PresenceAudit
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { members.keys.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool {
        audit.asked(at(key), found: members[key.stringValue] != nil)
        return members[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: AuditingDecoder(member(key), path: at(key), audit: audit))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try AuditingDecoder(member(key), path: at(key), audit: audit).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try AuditingDecoder(member(key), path: at(key), audit: audit).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { AuditingDecoder(.object(members), path: path, audit: audit) }

    func superDecoder(forKey key: Key) throws -> any Decoder { AuditingDecoder(try member(key), path: at(key), audit: audit) }

    private func at(_ key: Key) -> String { path.isEmpty ? key.stringValue : path + "." + key.stringValue }

    private func member(_ key: Key) throws -> AnyJSON {
        let value = members[key.stringValue]
        audit.asked(at(key), found: value != nil)
        guard let value else { throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "\(at(key)) is missing")) }
        return value
    }
}

private struct AuditingUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [AnyJSON]
    let path: String
    let audit: PresenceAudit
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [AnyJSON], path: String, audit: PresenceAudit) {
        self.elements = elements
        self.path = path
        self.audit = audit
    }

    mutating func decodeNil() throws -> Bool {
        guard try peek() == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = AuditingDecoder(try peek(), path: path, audit: audit)
        currentIndex += 1
        return try T(from: decoder)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let decoder = AuditingDecoder(try peek(), path: path, audit: audit)
        currentIndex += 1
        return try decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let decoder = AuditingDecoder(try peek(), path: path, audit: audit)
        currentIndex += 1
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = AuditingDecoder(try peek(), path: path, audit: audit)
        currentIndex += 1
        return decoder
    }

    private func peek() throws -> AnyJSON {
        guard !isAtEnd else { throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "\(path): no more elements")) }
        return elements[currentIndex]
    }
}

private struct AuditingSingleValue: SingleValueDecodingContainer {
    let decoder: AuditingDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { decoder.value == .null }

    /// JSON's scalars as `JSONDecoder` reads them (an integer may be any integer or floating type); any other type
    /// through its own `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch (decoder.value, T.self) {
        case (.string(let text), is String.Type): return text as! T
        case (.bool(let flag), is Bool.Type): return flag as! T
        case (.integer(let number), let integer as any BinaryInteger.Type):
            if let value = integer.init(exactly: number) { return value as! T }
        case (.integer(let number), let floating as any BinaryFloatingPoint.Type): return floating.init(number) as! T
        case (.number(let number), let floating as any BinaryFloatingPoint.Type): return floating.init(number) as! T
        default:
            let scalar = T.self is String.Type || T.self is Bool.Type || T.self is any BinaryInteger.Type || T.self is any BinaryFloatingPoint.Type
            if !scalar { return try T(from: decoder) }
        }
        throw decoder.mismatch("\(T.self)")
    }
}
