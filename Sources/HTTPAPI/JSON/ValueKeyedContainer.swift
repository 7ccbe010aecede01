/// The keyed container of ``ValueDecoder``: reads object members and tells ``KeyUsage`` which ones it read.
struct ValueKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    let usage: KeyUsage

    init(members: [String: JSONValue], codingPath: [any CodingKey], usage: KeyUsage) {
        self.members = members
        self.codingPath = codingPath
        self.usage = usage
        let declared = (Key.self as? any CaseIterable.Type).map { Self.declaredKeys($0) }
        usage.visit(codingPath, members: Set(members.keys), declaredKeys: declared)
    }

    private static func declaredKeys<K: CaseIterable>(_: K.Type) -> Set<String> {
        Set(K.allCases.compactMap { ($0 as? any CodingKey)?.stringValue })
    }

    var allKeys: [Key] {
        usage.acceptAnyMember(in: codingPath)
        return members.keys.compactMap(Key.init(stringValue:))
    }

    func contains(_ key: Key) -> Bool {
        usage.read(key.stringValue, in: codingPath)
        return members[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key) == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder.decode(T.self, from: member(key), at: codingPath + [key], usage: usage)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(member(key), at: codingPath + [key], usage: usage).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(member(key), at: codingPath + [key], usage: usage).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        usage.read("super", in: codingPath)
        return ValueDecoder(members["super"] ?? .null, at: codingPath + [MemberKey("super")], usage: usage)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        usage.read(key.stringValue, in: codingPath)
        return ValueDecoder(members[key.stringValue] ?? .null, at: codingPath + [key], usage: usage)
    }

    private func member(_ key: Key) throws -> JSONValue {
        usage.read(key.stringValue, in: codingPath)
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "Required field is missing."))
        }
        return value
    }
}
