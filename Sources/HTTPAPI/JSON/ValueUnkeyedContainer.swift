/// The unkeyed container of ``ValueDecoder``: walks array elements, keying each by its index for error paths.
struct ValueUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let session: DecodeSession
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey], session: DecodeSession) {
        self.elements = elements
        self.codingPath = codingPath
        self.session = session
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard try peek() == .null else { return false }
        currentIndex += 1
        return true
    }

    /// An element that does not fit is recorded and stood in for (see ``DecodeSession``).
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let element = try peek(), path = elementPath
        let value = try session.recovering(T.self, at: path) { try ValueDecoder.decode(T.self, from: element, at: path, session: session) }
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try ValueDecoder(peek(), at: elementPath, session: session).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try ValueDecoder(peek(), at: elementPath, session: session).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = ValueDecoder(try peek(), at: elementPath, session: session)
        currentIndex += 1
        return decoder
    }

    private var elementPath: [any CodingKey] { codingPath + [IndexKey(currentIndex)] }

    private func peek() throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: elementPath, debugDescription: "Expected more elements."))
        }
        return elements[currentIndex]
    }
}
