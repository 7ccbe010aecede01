@testable import Strategies
import Kernel
import Testing
import TestSupport

/// Random input never traps the markdown parser: it returns a model or throws `invalid_template` whose messages
/// name lines that exist in the input. Seeded, so a failure reproduces; `OPERATOR_API_FUZZ_INPUTS` sets the count.
@Suite struct MarkdownParserFuzzTests {
    static let fragments = [
        "---", "name:", "summary:", "instruments:", "parameters:", "max_open_positions:", "max_daily_loss_paise:",
        "capital_required_paise:", " ", "  ", "\t", "- ", "[", "]", ",", "\"", "'", "\\", ":", "#", "\n", "\r\n", "\r",
        "NIFTY", "9", "-", "1e9", "99999999999999999999", "true", "é", "\u{301}", "\u{FEFF}", "\u{2028}", "🙂", "\0",
    ]

    @Test func randomLinesOfTemplateFragments_neverTrapTheParser() async {
        var random = SeededGenerator(state: 20_251_125)
        await forEachFuzzInput(default: 5_000) {
            var text = Bool.random(using: &random) ? "---\n" : ""
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += Self.fragments.randomElement(using: &random)!
                if Int.random(in: 0..<4, using: &random) == 0 { text += "\n" }
            }
            if Bool.random(using: &random) { text += "\n---\nbody" }
            Self.expectTotal(text)
        }
    }

    @Test func randomBytes_neverTrapTheParser() async {
        var random = SeededGenerator(state: 7)
        await forEachFuzzInput(default: 2_500) {
            let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.expectTotal("---\n" + String(decoding: bytes, as: UTF8.self))
            Self.expectTotal(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The worked example with lines dropped, duplicated, swapped or cut, fragments spliced in, and characters
    /// flipped: inputs close to valid reach the rules, not only the front-matter reader.
    @Test func mutatedWorkedExample_neverTrapsTheParser() async {
        var random = SeededGenerator(state: 42)
        let example = TemplateExamples.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        await forEachFuzzInput(default: 10_000) {
            var lines = example
            for _ in 0..<Int.random(in: 1...4, using: &random) { Self.mutate(&lines, using: &random) }
            Self.expectTotal(lines.joined(separator: "\n"))
        }
    }

    static func mutate(_ lines: inout [String], using random: inout SeededGenerator) {
        guard !lines.isEmpty else { lines = [fragments.randomElement(using: &random)!]; return }
        let at = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: lines.remove(at: at)
        case 1: lines.insert(lines[at], at: at)
        case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &random))
        case 3: lines[at] = String(lines[at].prefix(Int.random(in: 0...lines[at].count, using: &random)))
        case 4:
            let offset = Int.random(in: 0...lines[at].count, using: &random)
            let index = lines[at].index(lines[at].startIndex, offsetBy: offset)
            lines[at].insert(contentsOf: fragments.randomElement(using: &random)!, at: index)
        default:
            var scalars = Array(lines[at].unicodeScalars)
            guard !scalars.isEmpty else { return }
            let index = Int.random(in: 0..<scalars.count, using: &random)
            scalars[index] = Unicode.Scalar(UInt8(truncatingIfNeeded: scalars[index].value ^ (1 << UInt32.random(in: 0..<7, using: &random))))
            lines[at] = String(String.UnicodeScalarView(scalars))
        }
    }

    /// A model, or `invalid_template` whose messages each name a line between 1 and the input's line count (lines as
    /// the parser splits them: at every `Character.isNewline`). Only input over the size limit may go unlocated.
    static func expectTotal(_ text: String) {
        do {
            _ = try MarkdownTemplateParser().parse(text)
        } catch let error as DomainError {
            #expect(error.code == .invalidTemplate)
            #expect(!error.fields.isEmpty && error.fields.allSatisfy { $0.field == "template" })
            if text.utf8.count > TemplateModel.maximumBytes { return }
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            for field in error.fields {
                let line = field.message.hasPrefix("line ") ? Int(field.message.dropFirst(5).prefix { $0 != ":" }) : nil
                #expect(line.map { (1...lineCount).contains($0) } == true, "\(field.message) in \(lineCount) lines: \(String(reflecting: text))")
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
