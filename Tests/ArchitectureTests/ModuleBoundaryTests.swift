import Foundation
import Testing
import TestSupport

/// The module map, checked against every `import` in `Sources/`: domain modules never import each other (they talk
/// over the event bus), the HTTP-API support knows no domain, the Gateway and the dashboard never import each
/// other, and only the assembly sees everything.
@Suite struct ModuleBoundaryTests {
    static let root = RepositoryFiles.root
    /// What any module may import.
    static let system: Set<String> = ["Foundation", "Glibc", "Dispatch", "Synchronization"]

    /// The domain list as Package.swift declares it (`let domains = [...]`).
    static func domains() throws -> [String] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let line = try #require(manifest.split(separator: "\n").first { $0.hasPrefix("let domains = [") })
        return line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Every module under `Sources/` and what, beyond the system modules, it may import. A new module fails the test
    /// until it is given a line here.
    static func allowedImports() throws -> [String: Set<String>] {
        let domains = Set(try Self.domains())
        var rules: [String: Set<String>] = [
            "CSQLite": [], "CCrypto": [], "CTLS": [], "CThreads": [],
            "Kernel": ["CSQLite", "CCrypto", "CThreads"],
            "HTTPCore": ["CThreads"],
            "HTTPServer": ["HTTPCore"],
            "HTTPClient": ["HTTPCore", "CTLS"],
            "HTTPAPI": ["Kernel", "HTTPServer"],
            "Dashboard": ["HTTPAPI", "HTTPServer", "Kernel", "Accounts", "Billing", "RateLimit", "Webhooks"],
            "Gateway": Set(["HTTPAPI", "HTTPServer", "Kernel"]).union(domains),
            "OperatorCLI": ["Kernel", "Accounts", "Billing"],
            "Assembly": Set(["OperatorCLI", "Kernel", "HTTPServer", "HTTPAPI", "Gateway", "Dashboard"]).union(domains),
            "operator-api": ["Assembly", "OperatorCLI"],
        ]
        for domain in domains { rules[domain] = ["Kernel", "HTTPClient"] }
        return rules
    }

    @Test func packageManifest_declaresTheSixModulesOfTheDesign() throws {
        #expect(try Self.domains() == ["Accounts", "Strategies", "Billing", "Webhooks", "RateLimit"])
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains("domains.map { .target(name: $0, dependencies: [\"Kernel\", \"HTTPClient\"]"))
        #expect(!manifest.contains(".package("), "the project takes no Swift package dependencies")
    }

    @Test func everyModule_importsOnlyWhatTheModuleMapAllows() throws {
        let rules = try Self.allowedImports()
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        #expect(Set(modules) == Set(rules.keys), "every module under Sources/ needs a rule, and every rule a module")
        var violations = [String]()
        for module in modules {
            let allowed = Self.system.union(rules[module] ?? [])
            for (file, imported) in try Self.imports(of: module) where !allowed.contains(imported) {
                violations.append("\(module)/\(file) imports \(imported)")
            }
        }
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func domainSources_importOnlyTheKernelAndSystemModules() throws {
        for domain in try Self.domains() {
            let imports = try Self.imports(of: domain)
            #expect(!imports.isEmpty, "Sources/\(domain) imports nothing: is it empty?")
            #expect(imports.allSatisfy { Self.system.contains($0.module) || ["Kernel", "HTTPClient"].contains($0.module) }, "\(domain): \(imports)")
        }
    }

    @Test func theGatewayAndTheDashboard_neverImportEachOther_andHTTPAPIKnowsNoDomain() throws {
        #expect(try !Self.imports(of: "Gateway").contains { $0.module == "Dashboard" })
        #expect(try !Self.imports(of: "Dashboard").contains { $0.module == "Gateway" })
        let domains = Set(try Self.domains())
        #expect(try !Self.imports(of: "HTTPAPI").contains { domains.contains($0.module) })
    }

    /// Every `import` of the module's Swift files, as (file, module).
    static func imports(of module: String) throws -> [(file: String, module: String)] {
        let folder = root.appendingPathComponent("Sources/\(module)")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var found = [(file: String, module: String)]()
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let i = words.firstIndex(of: "import"),
                      words[..<i].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "private", "fileprivate", "package"].contains($0) }),
                      i + 1 < words.count else { continue }
                found.append((file.lastPathComponent, words[i + 1].split(separator: ".").first.map(String.init) ?? ""))
            }
        }
        return found
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
