@testable import HTTPServer
import Testing
import TestSupport

/// Random bytes and mutated valid requests never trap the parser. Whatever the input and however it is split, the
/// parser yields heads and requests within the limits, or one 4xx/5xx rejection; an unfinished input holds no more
/// than a limit's worth of bytes. Seeded, so a failure reproduces; `OPERATOR_API_FUZZ_INPUTS` sets the count.
@Suite struct HTTPParserFuzzTests {
    @Test func randomBytes_endInRequestsOrARejection() async {
        var random = SeededGenerator(state: 20_261_125)
        await forEachFuzzInput(default: 20_000) {
            Self.expectWellBehaved(HTTPFuzzInputs.randomBytes(using: &random), using: &random)
        }
    }

    @Test func mutatedValidRequests_endInRequestsOrARejection() async {
        var random = SeededGenerator(state: 9_112)
        await forEachFuzzInput(default: 30_000) {
            Self.expectWellBehaved(HTTPFuzzInputs.mutatedRequest(using: &random), using: &random)
        }
    }

    /// Parses `input` whole and split at random boundaries; both must be well behaved and agree.
    static func expectWellBehaved(_ input: [UInt8], using random: inout SeededGenerator) {
        var cuts = (0..<Int.random(in: 0...6, using: &random)).map { _ in Int.random(in: 0...input.count, using: &random) }.sorted()
        cuts = [0] + cuts + [input.count]
        let pieces = zip(cuts, cuts.dropFirst()).map { input[$0..<$1] }
        let whole = checkedEvents([input[...]], input)
        let split = checkedEvents(pieces, input)
        #expect(whole == split, "splitting changed the outcome for \(printable(input)) at \(cuts)")
    }

    /// Feeds `pieces` and checks every invariant along the way; returns the events (ending at the first failure).
    static func checkedEvents(_ pieces: [ArraySlice<UInt8>], _ input: [UInt8]) -> [ParsedEvent] {
        var parser = HTTPParser(limits: testLimits)
        var events: [ParsedEvent] = []
        var pendingHead: HTTPRequestHead?
        for piece in pieces {
            parser.buffer.append(piece)
            while let event = parser.next() {
                events.append(ParsedEvent(event))
                switch event {
                case .head(let head):
                    #expect(pendingHead == nil, "two heads without a request for \(printable(input))")
                    #expect(head.target.unicodeScalars.count <= testLimits.maxURIBytes)
                    pendingHead = head
                case .request(let request):
                    #expect(pendingHead?.target == request.target, "a request without its head for \(printable(input))")
                    #expect(request.body.count <= testLimits.maxBodyBytes, "body over the limit for \(printable(input))")
                    #expect(fieldBytes(request.headers) <= testLimits.maxHeaderBytes)
                    #expect(fieldBytes(request.trailers) <= testLimits.maxHeaderBytes)
                    pendingHead = nil
                case .failure(let error):
                    #expect((400...599).contains(error.status), "status \(error.status) for \(printable(input))")
                    if case .failure(let again)? = parser.next() {
                        #expect(again == error, "the parser changed its rejection for \(printable(input))")
                    } else {
                        Issue.record("the parser did not stay failed for \(printable(input))")
                    }
                    return events
                }
            }
            #expect(parser.buffer.readableCount <= maximumHeldBytes, "\(parser.buffer.readableCount) bytes held for \(printable(input))")
        }
        return events
    }

    /// The most an unfinished request may keep buffered: a request line, a field section or a chunk header.
    static let maximumHeldBytes = max(
        testLimits.maxURIBytes + HTTPParser.requestLineOverhead, testLimits.maxHeaderBytes, HTTPParser.maxChunkHeaderBytes
    )

    /// At most the bytes a field section's lines took (`name: value` plus CRLF each); scalars, not UTF-8 bytes,
    /// because an invalid byte in a value decodes to a three-byte replacement character.
    static func fieldBytes(_ fields: HTTPHeaders) -> Int {
        fields.fields.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.value.unicodeScalars.count + 2 }
    }

    static func printable(_ bytes: [UInt8]) -> String {
        String(reflecting: String(decoding: bytes, as: UTF8.self))
    }
}
