import Foundation
import Kernel
import Testing

/// The writer must give exactly the bytes `JSON.encoder` gives, or switching a route to it would change answers.
@Suite struct JSONWriterTests {
    /// An item with every kind of member, its `Encodable` side synthesized (nil optionals left out).
    struct Item: Encodable, JSONWritable {
        let at: Timestamp
        let count: Int64
        let flag: Bool
        let missing: String?
        let mode: Mode
        let name: String
        let tags: [String: Int]

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("at", at)
                json.field("count", count)
                json.field("flag", flag)
                json.field("missing", missing)
                json.field("mode", mode)
                json.field("name", name)
                json.field("tags", tags)
            }
        }
    }

    func encoded(_ value: some Encodable) throws -> [UInt8] { Array(try JSON.encode(value)) }

    @Test func string_escapesExactlyAsTheEncoderDoes() throws {
        var text = ""
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\"\\/\u{7F}é€😀\u{2028}plain"
        for sample in [text, "", "no escapes at all", "\"", "\\\\", "ends with a tab\t"] {
            #expect(JSONWriter.encode(sample) == (try encoded(sample)), "\(sample.debugDescription)")
        }
    }

    @Test func stringFromUTF8_writesWhatTheStringOfThoseBytesWrites_invalidUTF8Included() throws {
        var text = ""
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        var samples = [text, "", "plain ASCII", "\"quoted\" \\ /", "é€😀", "mixed é \"\n"].map { Array($0.utf8) }
        samples += [[0xFF], [0x41, 0xC3], [0xE2, 0x82, 0x41, 0x22], [0xED, 0xA0, 0x80]]
        for bytes in samples {
            let written = JSONWriter.encode(capacity: 0) { json in bytes.withUnsafeBufferPointer { json.string(utf8: $0) } }
            let expected = String(decoding: bytes, as: UTF8.self)
            #expect(written == JSONWriter.encode(expected), "\(bytes)")
            #expect(written == (try encoded(expected)), "\(bytes)")
        }
    }

    @Test func integer_writesEveryMagnitudeAsTheEncoderDoes() throws {
        for value: Int64 in [0, 1, -1, 9, 10, 99, 100, 1_234_567_890, -987_654_321, .max, .min] {
            #expect(JSONWriter.encode(value) == (try encoded(value)), "\(value)")
        }
    }

    @Test func timestamp_writesRFC3339AsItsEncodableConformanceDoes() throws {
        for milliseconds: Int64 in [0, 1, 999, 1_790_000_000_123, -1, -86_400_001, 253_402_300_799_999] {
            let timestamp = Timestamp(milliseconds: milliseconds)
            #expect(JSONWriter.encode(timestamp) == (try encoded(timestamp)), "\(milliseconds)")
        }
    }

    @Test func objectsArraysAndDictionaries_matchTheEncoder_keysSortedByTheirBytes() throws {
        let items = [
            Item(at: Timestamp(milliseconds: 1_790_000_000_000), count: -3, flag: true, missing: nil, mode: .live, name: "a \"b\"",
                 tags: ["b": 2, "a": 1, "B": 3, "_": 4, "aa": 5, "é": 6]),
            Item(at: Timestamp(milliseconds: 0), count: 0, flag: false, missing: "here", mode: .test, name: "", tags: [:]),
        ]
        #expect(JSONWriter.encode(items[0]) == (try encoded(items[0])))
        let page = Page(data: items, hasMore: true)
        #expect(JSONWriter.encode(page) == (try encoded(page)))
        let empty = Page<Item>(data: [], hasMore: false)
        #expect(JSONWriter.encode(empty) == (try encoded(empty)))
    }

    @Test func encode_whenTheCapacityIsTooSmall_growsAndWritesTheSameBytes() throws {
        let items = (0..<50).map {
            Item(at: Timestamp(milliseconds: 1_790_000_000_000 + Int64($0)), count: Int64($0), flag: $0 % 2 == 0, missing: nil,
                 mode: .live, name: "item \($0) \"quoted\"\n", tags: ["n": $0])
        }
        let page = Page(data: items, hasMore: false)
        let expected = try encoded(page)
        for capacity in [0, 1, 17, 100, 1000, expected.count - 1, expected.count, expected.count + 1] {
            #expect(JSONWriter.encode(page, capacity: capacity) == expected, "capacity \(capacity)")
        }
    }
}
