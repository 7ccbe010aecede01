import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct QueryParametersTests {
    let gateway = Gateway.make(routes: [
        .test(.get, "/v1/widgets", parameters: ["limit", "archived", "q"].map { .query($0, "A \($0).", schema: JSONSchema.string) }) { context in
            let limit = try context.query.int("limit", in: 1...100) ?? 10
            let archived = try context.query.bool("archived") ?? false
            return .json(["limit": .number(String(limit)), "archived": .bool(archived), "q": .string(context.query["q"] ?? "")])
        },
    ])

    @Test func query_whenValuesValid_areReadTyped() async {
        let response = await gateway.handle(.make(.get, "/v1/widgets?limit=25&archived=true&q=a+b%21"))
        #expect(response.json == ["limit": 25, "archived": true, "q": "a b!"])
    }

    @Test func query_whenAbsent_defaultsApply() async {
        #expect(await gateway.handle(.make(.get, "/v1/widgets")).json == ["limit": 10, "archived": false, "q": ""])
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=ten", "archived=yes"])
    func query_whenValueInvalid_answers400NamingTheParameter(query: String) async {
        let response = await gateway.handle(.make(.get, "/v1/widgets?" + query))
        #expect(response.status == 400)
        #expect(response.json["code"] == "invalid_parameter")
        #expect(response.errorFields == [String(query.prefix { $0 != "=" })])
    }
}
