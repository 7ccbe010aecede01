import Foundation

/// Files of this repository that tests read (published test vectors, fixtures, the manifest), found from the
/// repository root. Tests reach repository files only through this type, which refuses any path that leaves the
/// root, so the suite passes on a fresh clone with nothing beside it (`RepositoryContainmentTests` enforces it).
public enum RepositoryFiles {
    /// The repository root: this file lives at `Tests/Support/RepositoryFiles.swift`.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().standardizedFileURL

    /// Errors of path resolution.
    public enum Failure: Error, CustomStringConvertible {
        case outsideRepository(String)

        public var description: String {
            switch self {
            case .outsideRepository(let path): "\(path) is outside the repository; keep test inputs under Tests/"
            }
        }
    }

    /// The URL of `path`, relative to the root. Throws when it would resolve outside the repository.
    public static func url(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path).standardizedFileURL
        guard url.path.hasPrefix(root.path + "/") else { throw Failure.outsideRepository(path) }
        return url
    }

    /// The text of the file at `path` (relative to the root).
    public static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// The JSON object in the file at `path` (relative to the root).
    public static func jsonObject(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url(path)))
        guard let dictionary = object as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
        }
        return dictionary
    }
}
