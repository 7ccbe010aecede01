import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing
import TestSupport

/// The served document is one SDK generators read whole: every list answer is a named `…List` schema with typed
/// items, and nothing in it is a construct they skip or mistranslate (`const`, a `type` with several non-null types,
/// an array without `items`, a list extended with `allOf`). The e2e suite generates and drives a real client.
@Suite(.databases) struct OpenAPIGeneratorReadinessTests {
    func document() async throws -> JSONValue {
        let f = try await OperatorAPIFixture()
        return await f.call(.get, "/v1/openapi.json", token: nil).json
    }

    @Test func everyListAnswer_isANamedListOfItsResource() async throws {
        let doc = try await document()
        guard case .object(let paths)? = doc["paths"] else { Issue.record("no paths"); return }
        var lists = Set<String>()
        for case .object(let operations) in paths.values {
            for operation in operations.values {
                guard case .string(let ref)? = operation["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["$ref"],
                      ref.hasSuffix("List") else { continue }
                let name = String(ref.split(separator: "/").last!)
                lists.insert(name)
                let schema = doc["components"]?["schemas"]?[name]
                #expect(schema?["properties"]?["object"] == ["type": "string", "enum": ["list"]], "\(name)")
                #expect(schema?["properties"]?["data"]?["items"]?["$ref"] == .string("#/components/schemas/" + name.dropLast(4)), "\(name)")
            }
        }
        #expect(lists.isSuperset(of: ["UserList", "WebhookDeliveryList", "WebhookEndpointList", "EventList", "PlanList", "StrategyList",
                                      "OperatorList", "APIKeyList", "BulkUserResultList", "InboxItemList", "UsageRollupList"]))
        #expect(doc["components"]?["schemas"]?["List"] == nil, "no shared envelope to extend")
    }

    @Test func nothingInTheDocument_isAConstructGeneratorsMisread() async throws {
        var found = [String]()
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                if members["const"] != nil { found.append("\(path): const") }
                if case .array(let types)? = members["type"], types.filter({ $0 != "null" }).count > 1 { found.append("\(path): type \(types)") }
                if members["type"] == "array", members["items"] == nil { found.append("\(path): array without items") }
                if case .array(let parts)? = members["allOf"],
                   parts.contains(where: { $0["$ref"]?.string?.hasSuffix("List") == true }) { found.append("\(path): a list extended with allOf") }
                for (key, member) in members { walk(member, path + "/" + key) }
            case .array(let elements):
                for (i, element) in elements.enumerated() { walk(element, "\(path)[\(i)]") }
            default: break
            }
        }
        walk(try await document(), "")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
