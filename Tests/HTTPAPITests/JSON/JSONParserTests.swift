@testable import HTTPAPI
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func failure(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ text: String) -> JSONSyntaxError? { failure(Array(text.utf8)) }

    @Test func parse_readsEveryKindOfValue() throws {
        let value = try parse(#" {"s": "a\"b\\\u00e9\ud83d\ude00\n", "n": -12.5e3, "i": 0, "t": true, "f": false, "z": null, "a": [1, []], "o": {}} "#)
        #expect(value == [
            "s": "a\"b\\é😀\n", "n": .number("-12.5e3"), "i": 0, "t": true, "f": false, "z": nil, "a": [1, []], "o": [:],
        ])
    }

    @Test func parse_keepsNumbersAsWritten() throws {
        #expect(try parse("[1.0, 100000000000000000000001]") == [.number("1.0"), .number("100000000000000000000001")])
    }

    @Test func parse_whenMemberRepeats_refusesIt() {
        #expect(failure(#"{"a": 1, "a": 2}"#)?.description == #"Duplicate member "a" at line 1, column 10."#)
    }

    @Test func parse_whenBytesAreNotUTF8_refusesTheBody() {
        #expect(failure([UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")])?.description == "The body is not valid UTF-8.")
    }

    @Test func parse_reportsLineAndColumnOfTheMistake() {
        #expect(failure("{\n  \"a\": 1,\n  \"b\": tru\n}")?.description == "Unexpected character U+A at line 3, column 11.")
        #expect(failure(#"{"a": 1,}"#)?.description == "Unexpected character '}'; expected a member name in double quotes at line 1, column 9.")
        #expect(failure(#"{"a" 1}"#)?.description == "Unexpected character '1'; expected ':' at line 1, column 6.")
        #expect(failure(#"{"a": 1"#)?.description == "Unexpected end of input; expected ',' or '}' at line 1, column 8.")
    }

    @Test(arguments: [
        "", "nul", "[1,]", "01", "1.", "-", "1e", "+1", "'a'", "{\"a\":1} x", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\u12G4\"", "\"abc", "[1 2]", "NaN",
    ])
    func parse_whenTextIsNotJSON_refusesIt(text: String) {
        #expect(failure(text) != nil, "accepted \(text)")
    }

    @Test func parse_whenNestedTooDeep_refusesIt() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        let limit = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(failure(deep)?.reason == "Nesting deeper than 64 levels")
        #expect(failure(limit) == nil)
    }

    @Test func serialized_roundTripsThroughTheParser() throws {
        let value: JSONValue = ["b": ["x", 1.5, nil, true], "a": "tab\there \"quoted\" \u{01} / é"]
        let text = String(decoding: value.serialized(), as: UTF8.self)
        #expect(text == #"{"a":"tab\there \"quoted\" \u0001 / é","b":["x",1.5,null,true]}"#)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }
}
