import Kernel
import Testing

@Suite struct JSONIntegerObjectTests {
    @Test func parse_readsWhatTheEncoderWritesForAnIntegerDictionary() throws {
        for limits: [String: Int] in [[:], ["requests_per_minute": 5000], ["a": -1, "b": 0, "c": Int.max, "é": Int.min]] {
            #expect(JSONIntegerObject.parse(try JSON.encodeString(limits)) == limits)
        }
        #expect(JSONIntegerObject.parse(" {\n \"a\" : 1 ,\t\"b\":2 } ") == ["a": 1, "b": 2])
    }

    @Test func parse_refusesAnythingElse_soTheCallerFallsBackToTheDecoder() {
        for text in ["", "[]", "{", "{}x", #"{"a":1,}"#, #"{"a":1.5}"#, #"{"a":"1"}"#, #"{"a":{}}"#, #"{"a\"b":1}"#,
                     #"{"a":1,"a":2}"#, #"{"a":}"#, #"{"a":-}"#, #"{"a":99999999999999999999}"#, "null"] {
            #expect(JSONIntegerObject.parse(text) == nil, "\(text)")
        }
    }
}
