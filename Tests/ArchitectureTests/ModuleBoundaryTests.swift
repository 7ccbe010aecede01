import Foundation
import Testing
import TestSupport

/// The design card's rule: domain modules never import each other; they talk over the event bus.
@Suite struct ModuleBoundaryTests {
    static let root = RepositoryFiles.root
    static let allowed: Set<String> = ["Kernel", "Foundation", "Glibc", "Dispatch", "Synchronization", "CSQLite", "CCrypto", "HTTPClient"]

    /// The domain list as Package.swift declares it (`let domains = [...]`).
    static func domains() throws -> [String] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let line = try #require(manifest.split(separator: "\n").first { $0.hasPrefix("let domains = [") })
        return line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func packageManifest_declaresTheSixModulesOfTheDesign() throws {
        #expect(try Self.domains() == ["Accounts", "Strategies", "Billing", "Webhooks", "RateLimit"])
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains("domains.map { .target(name: $0, dependencies: [\"Kernel\", \"HTTPClient\"]"))
        #expect(!manifest.contains(".package("), "the project takes no Swift package dependencies")
    }

    @Test func domainSources_importOnlyTheKernelAndSystemModules() throws {
        let domains = try Self.domains()
        var violations = [String]()
        for domain in domains {
            let folder = Self.root.appendingPathComponent("Sources/\(domain)")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            #expect(!files.isEmpty, "Sources/\(domain) has no Swift files")
            for file in files {
                for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let i = words.firstIndex(of: "import"), words[..<i].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "private", "fileprivate", "package"].contains($0) }),
                          i + 1 < words.count else { continue }
                    let module = words[i + 1].split(separator: ".").first.map(String.init) ?? ""
                    if !Self.allowed.contains(module) { violations.append("\(domain)/\(file.lastPathComponent) imports \(module)") }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations)")
    }

    /// Outbound HTTP (webhooks, WhatsApp alerts) goes through the project's own client: URLSession and the
    /// FoundationNetworking module that carries it are not part of the product.
    @Test func productSources_doNotUseURLSession() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(!files.isEmpty)
        let offenders = try files.filter { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.contains("URLSession") || text.contains("FoundationNetworking")
        }
        #expect(offenders.isEmpty, "\(offenders.map(\.lastPathComponent))")
    }
}
