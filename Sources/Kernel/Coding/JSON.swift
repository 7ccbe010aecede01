import Foundation

/// The project's one JSON configuration: sorted keys (stable bytes for signatures and replays), unescaped slashes.
public enum JSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder { JSONDecoder() }

    public static func encode(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

    public static func encodeString(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
