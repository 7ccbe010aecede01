import Foundation
import Testing
import TestSupport

/// A fresh clone must pass its tests with nothing beside it: no test, benchmark or script may read a path outside
/// the repository. Files climb to the root in exactly two places (`RepositoryFiles` for Swift, `conftest.py` for the
/// end-to-end suites); everything else names paths relative to those.
@Suite struct RepositoryContainmentTests {
    /// The folders whose files run in tests, benchmarks or CI.
    static let folders = ["Tests", "Benchmarks", "scripts", ".ci"]
    /// The only files allowed to climb directories: each finds the repository root and nothing above it.
    static let rootFinders: Set<String> = ["Tests/Support/RepositoryFiles.swift", "Tests/e2e/conftest.py"]
    /// This file names the patterns it looks for.
    static let ownPath = "Tests/ArchitectureTests/RepositoryContainmentTests.swift"
    /// Ways to find files relative to the source file and climb from it, in Swift and Python.
    static let climbs = ["#filePath", ".parents[", ".parent.parent", "os.pardir", "path.dirname(os.path.dirname"]
    /// Signs that a file touches the file system (a `../` elsewhere is only data, e.g. a hostile path parameter).
    static let fileSystemAPIs = ["FileManager", "contentsOf", "fileURLWithPath", "fopen(", "open(", "pathlib", "os.path", "#!/usr/bin/env bash"]
    /// Absolute paths of this kind of machine that lie outside any clone.
    static let foreignRoots = ["\"/work/", "'/work/", " /work/", "\"/root/", "'/root/", "\"/home/", "'/home/"]

    static func files() throws -> [(path: String, text: String)] {
        var result = [(String, String)]()
        for folder in folders {
            let base = RepositoryFiles.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker {
                let relative = String(url.standardizedFileURL.path.dropFirst(RepositoryFiles.root.path.count + 1))
                if relative.contains("__pycache__") || relative == ownPath { continue }
                guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                      let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                result.append((relative, text))
            }
        }
        return result
    }

    @Test func testInputs_nameNoPathOutsideTheRepository() throws {
        let files = try Self.files()
        #expect(files.contains { $0.path == "scripts/test" }, "the walk must see the scripts")
        var violations = [String]()
        for (path, text) in files {
            let touchesFiles = Self.fileSystemAPIs.contains(where: text.contains)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let location = "\(path):\(number + 1)"
                if touchesFiles, line.contains("../") { violations.append("\(location) climbs with ../") }
                if !Self.rootFinders.contains(path), let climb = Self.climbs.first(where: line.contains) {
                    violations.append("\(location) climbs with \(climb); use RepositoryFiles (Swift) or ROOT (conftest.py)")
                }
                if let root = Self.foreignRoots.first(where: line.contains) {
                    violations.append("\(location) names the absolute path \(root.dropFirst())")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test func repositoryFiles_findTheRootAndRefuseToLeaveIt() throws {
        #expect(FileManager.default.fileExists(atPath: try RepositoryFiles.url("Package.swift").path))
        #expect(throws: RepositoryFiles.Failure.self) { try RepositoryFiles.url("../outside-the-repository/vectors.json") }
        #expect(throws: RepositoryFiles.Failure.self) { try RepositoryFiles.url("Tests/../../elsewhere") }
    }
}
