import Glibc
import HTTPCore

/// The `Date` field value: IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(secondsSince1970 seconds: Int) -> [UInt8] {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = [UInt8]()
        text.reserveCapacity(29)
        text += days[Int(parts.tm_wday)].utf8
        text += ", ".utf8
        appendTwoDigits(Int(parts.tm_mday), to: &text)
        text.append(ASCII.space)
        text += months[Int(parts.tm_mon)].utf8
        text.append(ASCII.space)
        let year = Int(parts.tm_year) + 1900
        appendTwoDigits(year / 100, to: &text)
        appendTwoDigits(year % 100, to: &text)
        text.append(ASCII.space)
        appendTwoDigits(Int(parts.tm_hour), to: &text)
        text.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_min), to: &text)
        text.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_sec), to: &text)
        text += " GMT".utf8
        return text
    }

    private static func appendTwoDigits(_ value: Int, to text: inout [UInt8]) {
        text.append(0x30 + UInt8(value / 10))
        text.append(0x30 + UInt8(value % 10))
    }
}

/// The current `Date` value, formatted at most once per second (each I/O thread keeps its own).
struct HTTPDateCache {
    private var second = -1
    private var value: [UInt8] = []

    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            value = HTTPDate.format(secondsSince1970: now)
        }
        return value
    }
}
