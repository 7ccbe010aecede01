import Foundation
import Kernel
import Testing

@Suite struct AnyJSONTests {
    @Test func decodesEveryKind_keepingIntegersApart_andReEncodesTheSameDocument() throws {
        let text = #"{"a":[1,2.5,true,null,"x"],"b":{"c":-7}}"#
        let value = try JSON.decoder.decode(AnyJSON.self, from: Data(text.utf8))
        #expect(value == .object(["a": .array([.integer(1), .number(2.5), .bool(true), .null, .string("x")]), "b": .object(["c": .integer(-7)])]))
        #expect(try JSON.encodeString(value) == text)
        #expect(AnyJSON.array([]).typeName == "an array" && AnyJSON.integer(1).typeName == "a number")
    }
}
