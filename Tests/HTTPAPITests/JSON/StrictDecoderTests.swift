@testable import HTTPAPI
import Testing

@Suite struct StrictDecoderTests {
    struct Invite: Decodable, Equatable {
        let team: String
        let seats: UInt8
        let users: [User]
        let note: String?
        let metadata: [String: String]?
    }

    struct User: Decodable, Equatable {
        let email: String
        let role: Role
        let score: Double?
    }

    enum Role: String, Decodable, CaseIterable {
        case admin, member
    }

    /// Declares its keys, so a misspelt field is reported even when decoding stops at a missing one.
    struct Rename: Decodable {
        let name: String
        enum CodingKeys: String, CodingKey, CaseIterable { case name }
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try StrictDecoder.decode(T.self, from: Array(text.utf8))
    }

    func errors(_ text: String) -> [FieldError] { errors(Invite.self, text) }

    func errors<T: Decodable>(_ type: T.Type, _ text: String) -> [FieldError] {
        do {
            _ = try decode(T.self, text)
        } catch StrictDecodingError.invalid(let errors) {
            return errors
        } catch {
            Issue.record("unexpected \(error)")
        }
        return []
    }

    func malformed(_ text: String) -> String? {
        do {
            _ = try decode(Invite.self, text)
        } catch StrictDecodingError.malformed(let reason) {
            return reason
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    static let valid = #"{"team": "t", "seats": 3, "users": [{"email": "a@x", "role": "admin"}, {"email": "b@x", "role": "member", "score": 1.5}]}"#

    @Test func decode_whenBodyFits_returnsTheValue() throws {
        let invite = try decode(Invite.self, Self.valid)
        #expect(invite == Invite(team: "t", seats: 3, users: [
            User(email: "a@x", role: .admin, score: nil), User(email: "b@x", role: .member, score: 1.5),
        ], note: nil, metadata: nil))
    }

    @Test func decode_whenTopLevelFieldUnknown_namesIt() {
        #expect(errors(#"{"team": "t", "seats": 3, "users": [], "colour": "red"}"#) == [FieldError(field: "colour", message: "Unknown field.")])
    }

    @Test func decode_whenFieldInsideArrayElementUnknown_namesItsPath() {
        let body = #"{"team": "t", "seats": 3, "users": [{"email": "a@x", "role": "admin"}, {"email": "b", "role": "admin", "nick": "b"}]}"#
        #expect(errors(body) == [FieldError(field: "users[1].nick", message: "Unknown field.")])
    }

    @Test func decode_whenDictionaryField_acceptsAnyKey() throws {
        let invite = try decode(Invite.self, #"{"team": "t", "seats": 1, "users": [], "metadata": {"order.id": "7"}}"#)
        #expect(invite.metadata == ["order.id": "7"])
    }

    @Test func decode_whenRequiredFieldMissing_namesIt() {
        #expect(errors(#"{"team": "t", "users": []}"#) == [FieldError(field: "seats", message: "Required field is missing.")])
        #expect(errors(#"{"team": "t", "seats": 1, "users": [{"role": "admin"}]}"#) == [
            FieldError(field: "users[0].email", message: "Required field is missing."),
        ])
    }

    @Test func decode_whenTypeWrong_saysWhatWasExpectedAndFound() {
        #expect(errors(#"{"team": 5, "seats": 1, "users": []}"#) == [FieldError(field: "team", message: "Expected a string, found a number.")])
        #expect(errors(#"{"team": "t", "seats": "1", "users": []}"#) == [FieldError(field: "seats", message: "Expected an integer, found a string.")])
        #expect(errors(#"{"team": "t", "seats": 1, "users": {}}"#) == [FieldError(field: "users", message: "Expected an array, found an object.")])
        #expect(errors(#"{"team": "t", "seats": 1, "users": [7]}"#) == [FieldError(field: "users[0]", message: "Expected an object, found a number.")])
    }

    @Test func decode_whenNullForRequiredField_refusesIt() {
        #expect(errors(#"{"team": null, "seats": 1, "users": []}"#) == [FieldError(field: "team", message: "Expected a string, found null.")])
    }

    @Test func decode_whenNullForOptionalField_readsNil() throws {
        #expect(try decode(Invite.self, #"{"team": "t", "seats": 1, "users": [], "note": null}"#).note == nil)
    }

    @Test func decode_whenIntegerDoesNotFit_givesTheRange() {
        #expect(errors(#"{"team": "t", "seats": 256, "users": []}"#) == [
            FieldError(field: "seats", message: "Expected an integer between 0 and 255, found 256."),
        ])
        #expect(errors(#"{"team": "t", "seats": 1.5, "users": []}"#) == [
            FieldError(field: "seats", message: "Expected an integer between 0 and 255, found 1.5."),
        ])
        #expect(errors(#"{"team": "t", "seats": 25e-1, "users": []}"#) == [
            FieldError(field: "seats", message: "Expected an integer between 0 and 255, found 25e-1."),
        ])
    }

    /// JSON Schema's `integer` is a value, not a spelling: `2.0` and `3e1` are integers.
    @Test func decode_whenIntegerIsWrittenWithFractionOrExponent_readsIt() throws {
        #expect(try decode(Invite.self, #"{"team": "t", "seats": 2.0, "users": []}"#).seats == 2)
        #expect(try decode(Invite.self, #"{"team": "t", "seats": 3e1, "users": []}"#).seats == 30)
    }

    @Test func decode_whenEnumValueUnknown_listsTheChoices() {
        #expect(errors(#"{"team": "t", "seats": 1, "users": [{"email": "a", "role": "owner"}]}"#) == [
            FieldError(field: "users[0].role", message: #"Expected one of "admin", "member"."#),
        ])
    }

    @Test func decode_whenKeysAreDeclared_reportsTheMisspeltFieldWithTheMissingOne() {
        #expect(errors(Rename.self, #"{"nmae": "x"}"#) == [
            FieldError(field: "name", message: "Required field is missing."),
            FieldError(field: "nmae", message: "Unknown field."),
        ])
    }

    @Test func decode_reportsEveryProblem_notJustTheFirst() {
        #expect(errors("{}") == [
            FieldError(field: "seats", message: "Required field is missing."),
            FieldError(field: "team", message: "Required field is missing."),
            FieldError(field: "users", message: "Required field is missing."),
        ])
        let body = #"{"team": 5, "seats": "many", "users": [{"role": "owner"}, 7, {"email": "b", "role": "admin", "score": "high"}], "colour": "red"}"#
        #expect(errors(body) == [
            FieldError(field: "colour", message: "Unknown field."),
            FieldError(field: "seats", message: "Expected an integer, found a string."),
            FieldError(field: "team", message: "Expected a string, found a number."),
            FieldError(field: "users[0].email", message: "Required field is missing."),
            FieldError(field: "users[0].role", message: #"Expected one of "admin", "member"."#),
            FieldError(field: "users[1]", message: "Expected an object, found a number."),
            FieldError(field: "users[2].score", message: "Expected a number, found a string."),
        ])
    }

    @Test func decode_whenBodyIsNotAnObject_isMalformed() {
        #expect(malformed("[1, 2]") == "The body must be a JSON object, not an array.")
        #expect(malformed("\"text\"") == "The body must be a JSON object, not a string.")
        #expect(malformed("<widget/>") == "Unexpected character '<' at line 1, column 1.")
    }

    @Test func fieldPath_quotesMemberNamesThatAreNotIdentifiers() {
        #expect(FieldPath.render([MemberKey("metadata"), MemberKey("order.id"), IndexKey(2), MemberKey("x")]) == #"metadata["order.id"][2].x"#)
    }
}
