/// Writes JSON straight into bytes, for the types on the hot path: no `Encoder`, no existential containers, no
/// boxing, no key sorting at run time.
///
/// The output is byte for byte what ``JSON/encoder`` writes for the same value (keys sorted, slashes not escaped,
/// the same string escapes, absent optionals left out), so a route can switch to it without any client seeing a
/// difference; each conforming type has a test that holds it to that. Keys are literals written in sorted order
/// by the caller (debug builds check the order).
///
///     extension APIKeyInfo: JSONWritable {
///         public func write(to json: inout JSONWriter) {
///             json.object { json in
///                 json.field("created_at", createdAt)
///                 json.field("id", id)
///                 json.field("last_used_at", lastUsedAt)
///             }
///         }
///     }
public struct JSONWriter {
    /// Where the bytes go: the answer's reserved storage, or ``Spill``'s once that is full. Written through the
    /// pointer, each byte is a store and a bounds check (an `Array.append` also checks the buffer's uniqueness and
    /// calls out for every run it copies).
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes of `buffer` are written.
    private var count = 0
    /// The storage that replaced the answer's when the size hint was too small (nil until then).
    private var spill: Spill?
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false
    #if DEBUG
    /// The last key written at the current level, to catch keys out of order.
    private var lastKey: String?
    #endif

    /// A writer into `buffer`, uninitialized storage that outlives it (only ``encode(_:capacity:)`` makes one, so a
    /// writer never outlives the array whose storage it fills).
    private init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// The bytes of `value` written as JSON, into an array of `capacity` bytes (by default the value's
    /// ``JSONWritable/jsonSizeHint``), written in place; when that is too few, into larger storage copied out once.
    public static func encode(_ value: some JSONWritable, capacity: Int? = nil) -> [UInt8] {
        encode(capacity: capacity ?? value.jsonSizeHint) { value.write(to: &$0) }
    }

    /// The bytes `body` writes, into an array of `capacity` bytes written in place; when that is too few, into
    /// larger storage copied out once.
    public static func encode(capacity: Int, _ body: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        var spilled: [UInt8]?
        let written = try [UInt8](unsafeUninitializedCapacity: max(capacity, 16)) { buffer, count in
            var writer = JSONWriter(buffer: buffer)
            try body(&writer)
            if writer.spill == nil {
                count = writer.count
            } else {
                spilled = Array(UnsafeBufferPointer(rebasing: writer.buffer[..<writer.count]))
                count = 0
            }
        }
        return spilled ?? written
    }

    /// Storage of the writer's own, once the answer's is full; freed with the writer.
    private final class Spill {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        init(capacity: Int) { buffer = .allocate(capacity: capacity) }
        deinit { buffer.deallocate() }
    }

    // MARK: Bytes

    /// Room for `more` bytes after the written ones: the written bytes move to twice the storage they need.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if buffer.count - count < more { grow(more) }
    }

    private mutating func grow(_ more: Int) {
        let larger = Spill(capacity: max(buffer.count * 2, count + more))
        _ = larger.buffer.initialize(fromContentsOf: buffer[..<count])
        buffer = larger.buffer
        spill = larger
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        store(byte)
    }

    /// Writes a byte into room already reserved.
    @inline(__always)
    private mutating func store(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// The bytes of a literal, read where the binary holds them (no array to retain and release).
    @inline(__always)
    private mutating func append(literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        guard let source = bytes.baseAddress else { return }
        (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    // MARK: Containers

    /// `{…}`: `body` writes the members with the `field` methods, keys in ascending order.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        append(UInt8(ascii: "{"))
        let outer = needsComma
        needsComma = false
        #if DEBUG
        let outerKey = lastKey
        lastKey = nil
        defer { lastKey = outerKey }
        #endif
        try body(&self)
        needsComma = outer
        append(UInt8(ascii: "}"))
    }

    /// `[…]` of `elements`.
    @inlinable
    public mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        beginArray()
        // Through the buffer, each element is borrowed where it lies: iterating the array would copy every element
        // (a retain and a release of each of its strings).
        elements.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                separateElement()
                buffer[i].write(to: &self)
            }
        }
        endArray()
    }

    /// Opens an array; ``endArray()`` closes it.
    public mutating func beginArray() {
        append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the array ``beginArray()`` opened; the member that holds it is complete.
    public mutating func endArray() {
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A comma before every element but the first.
    public mutating func separateElement() {
        if needsComma { append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// `"key":`, after a comma unless it is the object's first member.
    public mutating func key(_ key: StaticString) {
        #if DEBUG
        let name = key.description
        if let lastKey { assert(lastKey < name, "JSON keys out of order: \(name) after \(lastKey)") }
        lastKey = name
        #endif
        // `,"key":` with one check for room: a member is written for every field of every item of a page.
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        if needsComma { store(UInt8(ascii: ",")) }
        store(UInt8(ascii: "\""))
        (buffer.baseAddress! + count).initialize(from: key.utf8Start, count: length)
        count += length
        store(UInt8(ascii: "\""))
        store(UInt8(ascii: ":"))
        // The member's value comes next; whatever follows it needs a comma.
        needsComma = true
    }

    /// A key that is not a literal (a dictionary's), escaped like any string.
    public mutating func key(_ name: String) {
        if needsComma { append(UInt8(ascii: ",")) }
        string(name)
        append(UInt8(ascii: ":"))
        needsComma = true
    }

    // MARK: Members

    public mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        integer(Int64(value))
    }

    public mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        integer(value)
    }

    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        boolean(value)
    }

    /// A nested value (an object, a timestamp, an enum).
    @inlinable
    public mutating func field(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    /// Left out when nil, as the synthesized `Encodable` conformances do.
    @inlinable
    public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        field(name, value)
    }

    /// `null` when nil (for members a schema requires even when they have no value).
    @inlinable
    public mutating func field(_ name: StaticString, orNull value: (some JSONWritable)?) {
        key(name)
        if let value { value.write(to: &self) } else { null() }
    }

    /// An array member.
    @inlinable
    public mutating func field<Element: JSONWritable>(_ name: StaticString, array elements: [Element]) {
        key(name)
        array(elements)
    }

    // MARK: Values

    /// A JSON string, escaped as ``JSON/encoder`` escapes it.
    public mutating func string(_ value: String) {
        append(UInt8(ascii: "\""))
        // The bytes read where they lie (no copy of the string, so no retain and release): a native string always
        // has them; `withUTF8` on a copy is for any other.
        if value.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var value = value
            value.withUTF8 { escaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// A JSON string from UTF-8 bytes read in place (a text column): what ``string(_:)`` writes for the `String`
    /// made of them. Plain text (ASCII with nothing to escape, the usual case) is found in one pass and copied at
    /// once; other ASCII is escaped as it lies; anything else goes through that `String`, which repairs invalid
    /// UTF-8 as reading the column into a `String` would.
    public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let plain = !bytes.contains { $0 >= 0x80 || $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if !plain, !bytes.allSatisfy({ $0 < 0x80 }) {
            string(String(decoding: bytes, as: UTF8.self))
            return
        }
        append(UInt8(ascii: "\""))
        if plain { append(bytes) } else { escaped(bytes) }
        append(UInt8(ascii: "\""))
    }

    /// The UTF-8 of a string's content, escaped.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
            escape(byte)
            start = i + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// `\"`, `\\`, the five named control escapes, and `\u00XX` (lower-case hex) for the other control characters.
    private mutating func escape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0D: append(UInt8(ascii: "r"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            for digit in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]] {
                append(digit)
            }
        }
    }

    /// A decimal integer, written without building a `String`.
    public mutating func integer(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let start = count
        var magnitude = value.magnitude
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        buffer[start..<count].reverse()
    }

    /// A timestamp as its RFC 3339 string (what `Timestamp`'s `Encodable` conformance writes).
    public mutating func timestamp(_ value: Timestamp) {
        append(UInt8(ascii: "\""))
        RFC3339.append(value, to: &self)
        append(UInt8(ascii: "\""))
    }

    public mutating func boolean(_ value: Bool) {
        append(literal: value ? "true" : "false")
    }

    public mutating func null() {
        append(literal: "null")
    }

    /// Bytes already in JSON form, written as they are.
    public mutating func raw(_ json: some Sequence<UInt8>) {
        append(contentsOf: json)
    }

    /// The bytes of `sequence`, through its contiguous storage when it has one.
    mutating func append(contentsOf sequence: some Sequence<UInt8>) {
        if sequence.withContiguousStorageIfAvailable({ append($0) }) == nil {
            for byte in sequence { append(byte) }
        }
    }
}

/// A value that writes itself with a ``JSONWriter`` (a type on the hot path, or a value inside one).
public protocol JSONWritable {
    func write(to json: inout JSONWriter)
    /// About how many bytes ``write(to:)`` writes, so that ``JSONWriter/encode(_:capacity:)`` reserves them at once
    /// instead of growing its buffer several times (each a copy, and a large allocation for a list). 256 by default.
    var jsonSizeHint: Int { get }
}

extension JSONWriter: ByteOutput {}

extension JSONWritable {
    public var jsonSizeHint: Int { 256 }
}

extension String: JSONWritable {
    public func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    public func write(to json: inout JSONWriter) { json.integer(Int64(self)) }
}

extension Int64: JSONWritable {
    public func write(to json: inout JSONWriter) { json.integer(self) }
}

extension Bool: JSONWritable {
    public func write(to json: inout JSONWriter) { json.boolean(self) }
}

extension Timestamp: JSONWritable {
    public func write(to json: inout JSONWriter) { json.timestamp(self) }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    /// Keys in the order of their UTF-8 bytes, as ``JSON/encoder`` sorts them.
    @inlinable
    public func write(to json: inout JSONWriter) {
        json.object { json in
            for (key, value) in sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                json.key(key)
                value.write(to: &json)
            }
        }
    }
}

extension RawRepresentable where Self: JSONWritable, RawValue == String {
    public func write(to json: inout JSONWriter) { json.string(rawValue) }
}
