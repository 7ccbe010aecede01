import Foundation

/// Published test vectors kept in `Tests/Vectors/` (each file names its source), read by the unit tests that check
/// an implementation against them.
public enum TestVectors {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")
    }

    /// The JSON object in `Tests/Vectors/<name>`.
    public static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}
