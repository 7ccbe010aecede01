import Foundation

/// A fresh folder under the system temp directory for one test's database files.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "operator-api-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }
}
