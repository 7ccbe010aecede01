@testable import Strategies
import Foundation
import Kernel
import Testing
import TestSupport

@Suite struct TemplateParsingTests {
    @Test func theWorkedExample_normalisesToTheSameModel_inBothFormats() throws {
        let fromMarkdown = try MarkdownTemplateParser().parse(TemplateExamples.markdown)
        let fromJSON = try JSONTemplateParser().parse(TemplateExamples.json)
        #expect(fromMarkdown == TemplateExamples.model)
        #expect(fromJSON == TemplateExamples.model)
    }

    @Test func markdown_instrumentsAsDashLines_equalTheInlineList() throws {
        let lines = try MarkdownTemplateParser().parse("---\nname: N\ninstruments:\n  - nifty\n- \"BANKNIFTY\"\n---\n")
        let inline = try MarkdownTemplateParser().parse("---\nname: N\ninstruments: [NIFTY, 'BANKNIFTY']\n---\n")
        #expect(lines == inline)
        #expect(lines.instruments == ["NIFTY", "BANKNIFTY"])
    }

    @Test func markdown_parameterValues_areTypedAsJSONWouldType_them() throws {
        let model = try MarkdownTemplateParser().parse("""
            ---
            name: N
            instruments: [NIFTY]
            parameters:
              quoted: "9"
              number: -1.5e2
              flag: false
              word: 9am
              colon: 'a: b'
            ---
            """)
        #expect(model.parameters == [
            "quoted": .string("9"), "number": .number(-150), "flag": .bool(false), "word": .string("9am"), "colon": .string("a: b"),
        ])
    }

    @Test func markdown_withWindowsLineEndingsAndAByteOrderMark_parsesTheSame() throws {
        let crlf = "\u{FEFF}" + TemplateExamples.markdown.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try MarkdownTemplateParser().parse(crlf) == TemplateExamples.model)
    }

    @Test func markdown_badInteger_namesTheFieldAndItsLine() async throws {
        let text = "---\nname: N\ninstruments: [NIFTY]\nmax_open_positions: three\n---\n"
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try MarkdownTemplateParser().parse(text) }
        #expect(error?.fields == [.init(field: "template", message: "line 4: max_open_positions must be an integer")])
    }

    @Test func markdown_reportsEveryProblem_eachAtItsLine() async throws {
        let text = """
            ---
            summary: no name here
            instruments:
              - NIFTY
              - NIFTY
            colour: blue
            max_daily_loss_paise: -5
            parameters:
              9lives: 1
            ---
            body
            """
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try MarkdownTemplateParser().parse(text) }
        #expect(error?.fields.map(\.message) == [
            "line 5: instruments[1] repeats NIFTY",
            "line 6: has an unknown key 'colour'",
            "line 7: max_daily_loss_paise must be a positive number of paise",
            "line 9: parameters.9lives must be named with letters, digits and '_' (not starting with a digit), at most 64 characters",
            "line 10: name is required",
        ])
    }

    @Test(arguments: [
        ("name: N\n---\n", "line 1: the template must start with a '---' line that opens the front matter"),
        ("---\nname: N\ninstruments: [NIFTY]\n", "line 4: the front matter is never closed with a '---' line"),
        ("---\nname: \"N\ninstruments: [NIFTY]\n---\n", "line 2: name has an unterminated quote"),
        ("---\nname: N\ninstruments: NIFTY\n---\n", "line 3: instruments must be a list: [A, B] on this line, or '- A' lines below it"),
        ("---\nname: N\nname: M\ninstruments: [A]\n---\n", "line 3: name appears more than once"),
        ("---\nname: N\ninstruments: []\n---\n", "line 3: instruments must list at least one instrument"),
        ("---\nname: N\ninstruments: [A]\n  stray: 1\n---\n", "line 4: is an unexpected indented line"),
        ("---\nname: N\ninstruments: [A]\nparameters:\n  fast:\n---\n", "line 5: parameters.fast needs a value"),
    ])
    func markdown_structuralMistakes_pointAtTheirLine(text: String, message: String) async throws {
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try MarkdownTemplateParser().parse(text) }
        #expect(error?.fields.map(\.message) == [message])
    }

    @Test func json_wrongTypesAndUnknownFields_nameTheirPaths() async throws {
        let text = """
            {"name": 7, "instruments": ["NIFTY", 5], "parameters": {"fast": [1]},
             "risk": {"max_open_positions": "3", "max_lots": 2}, "colour": "blue"}
            """
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try JSONTemplateParser().parse(text) }
        #expect(Set(error?.fields.map(\.field) ?? []) == [
            "name", "instruments[1]", "parameters.fast", "risk.max_open_positions", "risk.max_lots", "colour",
        ])
        #expect(error?.fields.first { $0.field == "risk.max_open_positions" }?.message == "must be an integer, not a string")
    }

    @Test func json_missingRequiredFields_areNamed() async throws {
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try JSONTemplateParser().parse(#"{"summary": null}"#) }
        #expect(error?.fields == [.init(field: "name", message: "is required"), .init(field: "instruments", message: "is required")])
    }

    @Test(arguments: ["[1, 2]", "not json", ""])
    func json_thatIsNotAnObject_isRefusedAsAWhole(text: String) async throws {
        let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try JSONTemplateParser().parse(text) }
        #expect(error?.fields == [.init(field: "template", message: "must be a JSON object")])
    }

    @Test func templatesLargerThan64KiB_areRefusedInEitherFormat() async throws {
        let body = String(repeating: "x", count: TemplateModel.maximumBytes)
        let markdown = "---\nname: N\ninstruments: [A]\n---\n" + body
        let json = #"{"name": "N", "instruments": ["A"], "body": "\#(body)"}"#
        for source in [TemplateSource.markdown(markdown), .json(json)] {
            let error = await expectDomainError(.invalid, .invalidTemplate) { _ = try source.model() }
            #expect(error?.fields == [.init(field: "template", message: "must be at most 65536 bytes")])
        }
    }

    @Test func theModel_survivesAJSONRoundTrip_withOneAndZeroStayingNumbers() throws {
        var model = TemplateExamples.model
        model.parameters["one"] = .number(1)
        model.parameters["zero"] = .number(0)
        model.parameters["half"] = .number(0.5)
        let data = try JSON.encode(model)
        #expect(try JSON.decoder.decode(TemplateModel.self, from: data) == model)
        let parsed = try JSONTemplateParser().parse(#"{"name": "N", "instruments": ["A"], "parameters": {"one": 1, "zero": 0, "yes": true}}"#)
        #expect(parsed.parameters == ["one": .number(1), "zero": .number(0), "yes": .bool(true)])
    }
}
