@testable import Strategies
import Kernel
import Testing

/// Random input never traps the markdown parser: it returns a model or throws `invalid_template` with line-numbered
/// messages. Seeded, so a failure reproduces.
@Suite struct MarkdownParserFuzzTests {
    /// SplitMix64: a tiny deterministic generator.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "---", "name:", "summary:", "instruments:", "parameters:", "max_open_positions:", "max_daily_loss_paise:",
        "capital_required_paise:", " ", "  ", "\t", "- ", "[", "]", ",", "\"", "'", "\\", ":", "#", "\n", "\r\n", "\r",
        "NIFTY", "9", "-", "1e9", "99999999999999999999", "true", "é", "\u{301}", "\u{FEFF}", "\u{2028}", "🙂", "\0",
    ]

    @Test func randomLinesOfTemplateFragments_neverTrapTheParser() {
        var random = SeededGenerator(state: 20_251_125)
        for _ in 0..<3_000 {
            var text = Bool.random(using: &random) ? "---\n" : ""
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text += Self.fragments.randomElement(using: &random)!
                if Int.random(in: 0..<4, using: &random) == 0 { text += "\n" }
            }
            if Bool.random(using: &random) { text += "\n---\nbody" }
            Self.expectTotal(text)
        }
    }

    @Test func randomBytes_neverTrapTheParser() {
        var random = SeededGenerator(state: 7)
        for _ in 0..<1_000 {
            let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.expectTotal("---\n" + String(decoding: bytes, as: UTF8.self))
            Self.expectTotal(String(decoding: bytes, as: UTF8.self))
        }
    }

    static func expectTotal(_ text: String) {
        do {
            _ = try MarkdownTemplateParser().parse(text)
        } catch let error as DomainError {
            #expect(error.code == "invalid_template")
            #expect(!error.fields.isEmpty && error.fields.allSatisfy { $0.field == "template" && $0.message.hasPrefix("line ") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
