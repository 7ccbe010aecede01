import Foundation

/// The project's one JSON configuration: sorted keys (stable bytes for signatures and replays), unescaped slashes.
public enum JSON {
    /// Shared: configured once, never mutated afterwards, and safe to use from many threads.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder = JSONDecoder()

    public static func encode(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

    public static func encodeString(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
