/// Arguments bound as PostgreSQL parameters: each with its declared type (an OID) and format, its bytes laid out
/// in one buffer. Types come from the argument's Swift type (``SQLValueConvertible/sqlKind``) so a NULL is typed
/// too, and a statement is prepared once per connection and set of types.
///
/// Integers go as `int8`, reals as `float8`, text as `text` and blobs as `bytea`, all in binary format. Booleans go
/// as untyped text `1`/`0`, so PostgreSQL reads them as a truth value or an integer, whichever the statement needs.
struct PostgresParameters {
    /// Type OIDs (pg_type.h).
    enum OID {
        static let unknown: UInt32 = 0, bool: UInt32 = 16, bytea: UInt32 = 17, int8: UInt32 = 20, int2: UInt32 = 21
        static let int4: UInt32 = 23, text: UInt32 = 25, oid: UInt32 = 26, float4: UInt32 = 700, float8: UInt32 = 701
        static let numeric: UInt32 = 1700
    }

    private(set) var types: [UInt32] = []
    private(set) var formats: [Int32] = []
    private(set) var lengths: [Int32] = []
    /// Where each value starts in `bytes`; nil for NULL.
    private(set) var offsets: [Int?] = []
    private(set) var bytes: [UInt8] = []

    init(_ arguments: [any SQLValueConvertible]) {
        for argument in arguments {
            let kind = type(of: argument).sqlKind
            switch argument.sqlValue {
            case .null:
                append(type: Self.oid(of: kind), format: 1, nil)
            case .integer(let value) where kind == .boolean:
                // Text format: a C string, terminated.
                append(type: OID.unknown, format: 0, value != 0 ? [0x31, 0] : [0x30, 0])
            case .integer(let value):
                append(type: OID.int8, format: 1, Self.bigEndian(UInt64(bitPattern: value)))
            case .real(let value):
                append(type: OID.float8, format: 1, Self.bigEndian(value.bitPattern))
            case .text(let text):
                append(type: OID.text, format: 1, PostgresText.escape(text))
            case .blob(let blob):
                append(type: OID.bytea, format: 1, blob)
            }
        }
    }

    var count: Int { types.count }

    /// Calls `body` with the C arrays `PQexecPrepared` takes: values, lengths, formats.
    func withUnsafeArrays<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> R
    ) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            // A value of no bytes still needs an address that is not NULL (NULL means an SQL NULL).
            let empty: UnsafePointer<CChar> = ("" as StaticString).utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) { $0 }
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset else { return nil }
                return base.map { $0 + offset } ?? empty
            }
            return try values.withUnsafeBufferPointer { values in
                try lengths.withUnsafeBufferPointer { lengths in
                    try formats.withUnsafeBufferPointer { formats in
                        try body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    private mutating func append(type: UInt32, format: Int32, _ value: [UInt8]?) {
        types.append(type)
        formats.append(format)
        lengths.append(Int32(value?.count ?? 0))
        offsets.append(value.map { _ in bytes.count })
        if let value { bytes += value }
    }

    /// The type a NULL of `kind` is declared with; unknown leaves it to PostgreSQL.
    static func oid(of kind: SQLValueKind) -> UInt32 {
        switch kind {
        case .integer: OID.int8
        case .real: OID.float8
        case .text: OID.text
        case .blob: OID.bytea
        case .boolean, .unknown: OID.unknown
        }
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
}
