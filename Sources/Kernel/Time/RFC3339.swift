import Foundation

/// Formats and parses RFC 3339 timestamps in UTC without a `DateFormatter` (which is slow and not `Sendable`).
public enum RFC3339 {
    /// `2026-11-25T13:00:00.000Z`, or without the fraction when `fractional` is false.
    public static func format(_ t: Timestamp, fractional: Bool = true) -> String {
        var out = [UInt8]()
        out.reserveCapacity(24)
        append(t, fractional: fractional, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of ``format(_:fractional:)`` to `out`, building no string.
    static func append(_ t: Timestamp, fractional: Bool = true, to out: inout some ByteOutput) {
        let days = t.milliseconds.floorDivided(by: 86_400_000)
        let msOfDay = t.milliseconds - days * 86_400_000
        let (y, m, d) = CivilDate.fromDays(days)
        func digits(_ v: Int64, _ width: Int) {
            let text = String(v).utf8
            for _ in text.count..<max(width, text.count) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: text)
        }
        func twoDigits(_ v: Int64) {
            out.append(UInt8(ascii: "0") + UInt8(v / 10))
            out.append(UInt8(ascii: "0") + UInt8(v % 10))
        }
        if (0...9999).contains(y) {
            twoDigits(y / 100)
            twoDigits(y % 100)
        } else {
            digits(y, 4)
        }
        out.append(UInt8(ascii: "-")); twoDigits(m)
        out.append(UInt8(ascii: "-")); twoDigits(d)
        out.append(UInt8(ascii: "T")); twoDigits(msOfDay / 3_600_000)
        out.append(UInt8(ascii: ":")); twoDigits(msOfDay / 60_000 % 60)
        out.append(UInt8(ascii: ":")); twoDigits(msOfDay / 1000 % 60)
        if fractional {
            let ms = msOfDay % 1000
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(ms / 100))
            twoDigits(ms % 100)
        }
        out.append(UInt8(ascii: "Z"))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`; nil when malformed or out of range.
    public static func parse(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let y = digits(b, 0, 4), let mo = digits(b, 5, 2), let d = digits(b, 8, 2),
              let h = digits(b, 11, 2), let mi = digits(b, 14, 2), let s = digits(b, 17, 2),
              (1...12).contains(mo), d >= 1, d <= CivilDate.daysInMonth(y, mo), h < 24, mi < 60, s < 60
        else { return nil }
        var i = 19, ms: Int64 = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale: Int64 = 100, any = false
            while i < b.count, (0x30...0x39).contains(b[i]) {
                ms += Int64(b[i] - 0x30) * scale; scale /= 10; i += 1; any = true
            }
            guard any else { return nil }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, b[i + 3] == 0x3A,
                  let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2), oh < 24, om < 60 {
            offset = (oh * 60 + om) * 60_000 * (b[i] == 0x2D ? -1 : 1)
            i += 6
        } else { return nil }
        guard i == b.count else { return nil }
        let days = CivilDate.toDays(y, mo, d)
        return Timestamp(milliseconds: days * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset)
    }

    private static func digits(_ b: [UInt8], _ from: Int, _ count: Int) -> Int64? {
        var v: Int64 = 0
        for i in from..<(from + count) {
            guard (0x30...0x39).contains(b[i]) else { return nil }
            v = v * 10 + Int64(b[i] - 0x30)
        }
        return v
    }
}

/// Where ``RFC3339`` appends a timestamp's bytes: an array, or a ``JSONWriter`` writing an answer in place.
protocol ByteOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: some Sequence<UInt8>)
}

extension [UInt8]: ByteOutput {}
