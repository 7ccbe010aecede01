import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import HTTPServer
import Testing

@Suite struct RequestBodyTests {
    struct NewWidget: Decodable {
        let name: String
        let parts: [Part]
    }

    struct Part: Decodable {
        let sku: String
    }

    let gateway = Gateway.make(routes: [
        .test(.post, "/v1/widgets") { context in
            let widget = try context.decode(NewWidget.self)
            return .json(["name": .string(widget.name), "parts": .number(String(widget.parts.count))], status: 201)
        },
    ])

    func post(_ body: String?, contentType: String? = "application/json") async -> HTTPResponse {
        await gateway.handle(.make(.post, "/v1/widgets", body: body, contentType: contentType))
    }

    @Test func body_whenValid_reachesTheHandler() async {
        let response = await post(#"{"name": "w", "parts": [{"sku": "a"}]}"#)
        #expect(response.status == 201)
        #expect(response.json == ["name": "w", "parts": 1])
    }

    @Test(arguments: ["application/json; charset=utf-8", "Application/JSON", "application/json;charset=\"UTF-8\""])
    func body_whenJSONContentTypeHasParameters_isAccepted(contentType: String) async {
        #expect(await post(#"{"name": "w", "parts": []}"#, contentType: contentType).status == 201)
    }

    @Test(arguments: ["text/plain", "application/json; charset=latin1", "application/jsonx", "multipart/form-data; boundary=x"])
    func body_whenContentTypeIsNotJSON_answers415(contentType: String?) async {
        let response = await post(#"{"name": "w", "parts": []}"#, contentType: contentType)
        #expect(response.status == 415)
        #expect(response.json["code"] == "unsupported_media_type")
    }

    /// `curl -d '{…}'` without `-H 'Content-Type: application/json'` sends `application/x-www-form-urlencoded`; a
    /// bearer-token API is not exposed to cross-site form posts, so such a body is read as JSON when it is an object.
    @Test(arguments: [nil, "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8"])
    func body_whenContentTypeIsMissingOrCurlsDefault_andTheBodyIsAJSONObject_isAccepted(contentType: String?) async {
        let response = await post(#"{"name": "w", "parts": []}"#, contentType: contentType)
        #expect(response.status == 201)
        let form = await post("name=w&parts=1", contentType: contentType)
        #expect(form.status == 415 && form.json["code"] == "unsupported_media_type", "a real form is still not JSON")
        let array = await post(#"[{"name": "w"}]"#, contentType: contentType)
        #expect(array.status == 415, "only a JSON object is taken for JSON")
    }

    @Test func body_whenMissing_answers400() async {
        let response = await post(nil)
        #expect(response.status == 400)
        #expect(response.json["code"] == "invalid_json")
        #expect(response.json["detail"] == "This endpoint requires a JSON object body.")
    }

    @Test func body_whenNotJSON_answers400WithThePosition() async {
        let response = await post(#"{"name": "w",}"#)
        #expect(response.status == 400)
        #expect(response.json["code"] == "invalid_json")
        #expect(response.json["type"] == "https://docs.operator-api.dev/problems/invalid_json")
        #expect(response.json["detail"] == "Unexpected character '}'; expected a member name in double quotes at line 1, column 14.")
    }

    @Test func body_whenNotUTF8_answers400() async {
        let request = HTTPRequest(method: .post, target: "/v1/widgets", headers: ["Content-Type": "application/json"],
                                  body: [UInt8(ascii: "{"), 0xFF, UInt8(ascii: "}")])
        let response = await gateway.handle(request)
        #expect(response.status == 400)
        #expect(response.json["detail"] == "The body is not valid UTF-8.")
    }

    @Test func body_whenArrayInsteadOfObject_answers400() async {
        let response = await post(#"[{"name": "w", "parts": []}]"#)
        #expect(response.status == 400)
        #expect(response.json["detail"] == "The body must be a JSON object, not an array.")
    }

    @Test func body_whenFieldsDoNotFit_answers422NamingEachField() async {
        let response = await post(#"{"name": 1, "parts": [{"sku": "a", "qty": 2}], "extra": true}"#)
        #expect(response.status == 422)
        #expect(response.json["code"] == "validation_failed")
        #expect(response.errorFields == ["extra", "name", "parts[0].qty"], "every problem, not the first")
        let unknown = await post(#"{"name": "w", "parts": [{"sku": "a", "qty": 2}], "extra": true}"#)
        #expect(unknown.status == 422)
        #expect(unknown.errorFields == ["extra", "parts[0].qty"])
        #expect(unknown.json["detail"] == "2 fields are invalid; see errors.")
    }

    @Test func body_whenOneFieldIsWrong_saysWhichInTheDetail() async {
        let response = await post(#"{"name": "w"}"#)
        #expect(response.json["detail"] == "The field parts is invalid: Required field is missing.")
        #expect(response.json["errors"] == [["field": "parts", "message": "Required field is missing."]])
    }

    @Test func body_whenEmptyObject_namesEveryRequiredField() async {
        let response = await post("{}")
        #expect(response.status == 422)
        #expect(response.errorFields == ["name", "parts"])
        #expect(response.json["detail"] == "2 fields are invalid; see errors.")
    }
}
