@testable import HTTPAPI
import Kernel
import Testing

@Suite struct PathParametersTests {
    @Test func require_returnsAnIdOfTheRightShape() throws {
        let id = Identifier.make(.user)
        #expect(try PathParameters([("id", id)]).require("id", prefix: .user) == id)
    }

    @Test(arguments: ["usr_short", "stg_3kTMd92jLqY0pZxW81vBnA", "usr_3kTMd92jLqY0pZxW81vBn!", "../etc/passwd", ""])
    func require_refusesAnyOtherShape_asAnUnknownId(value: String) {
        #expect(throws: DomainError.notFound(.user, value)) { try PathParameters([("id", value)]).require("id", prefix: .user) }
    }
}
