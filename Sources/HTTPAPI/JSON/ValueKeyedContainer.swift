/// The keyed container of ``ValueDecoder``: reads object members and tells ``KeyUsage`` which ones it read.
struct ValueKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    let session: DecodeSession

    init(members: [String: JSONValue], codingPath: [any CodingKey], session: DecodeSession) {
        self.members = members
        self.codingPath = codingPath
        self.session = session
        let declared = (Key.self as? any CaseIterable.Type).map { Self.declaredKeys($0) }
        session.keys.visit(codingPath, members: Set(members.keys), declaredKeys: declared)
    }

    private static func declaredKeys<K: CaseIterable>(_: K.Type) -> Set<String> {
        Set(K.allCases.compactMap { ($0 as? any CodingKey)?.stringValue })
    }

    var allKeys: [Key] {
        session.keys.acceptAnyMember(in: codingPath)
        return members.keys.compactMap(Key.init(stringValue:))
    }

    func contains(_ key: Key) -> Bool {
        session.keys.read(key.stringValue, in: codingPath)
        return members[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key) == .null
    }

    /// A member that is missing or does not fit is recorded and stood in for (see ``DecodeSession``).
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try session.recovering(T.self, at: codingPath + [key]) {
            try ValueDecoder.decode(T.self, from: member(key), at: codingPath + [key], session: session)
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(member(key), at: codingPath + [key], session: session).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(member(key), at: codingPath + [key], session: session).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        session.keys.read("super", in: codingPath)
        return ValueDecoder(members["super"] ?? .null, at: codingPath + [MemberKey("super")], session: session)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        session.keys.read(key.stringValue, in: codingPath)
        return ValueDecoder(members[key.stringValue] ?? .null, at: codingPath + [key], session: session)
    }

    private func member(_ key: Key) throws -> JSONValue {
        session.keys.read(key.stringValue, in: codingPath)
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "Required field is missing."))
        }
        return value
    }
}
