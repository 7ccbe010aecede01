/// Reads a libpq result (text format) into ``Row``s of the values SQLite would hold: integers, reals, text and
/// blobs, by each column's type.
struct PostgresResult {
    let library: LibPQ
    let handle: LibPQ.Result

    /// The column names, in order.
    var columnNames: [String] {
        (0..<library.nfields(handle)).map { String(cString: library.fname(handle, $0)!) }
    }

    /// Every row, its columns named by `columns`.
    func rows(_ columns: ColumnIndex) -> [Row] {
        let rowCount = library.ntuples(handle), columnCount = library.nfields(handle)
        let types = (0..<columnCount).map { library.ftype(handle, $0) }
        var rows = [Row]()
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values = [SQLValue]()
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if library.getisnull(handle, row, column) != 0 {
                    values.append(.null)
                    continue
                }
                let length = Int(library.getlength(handle, row, column))
                let text = UnsafeRawPointer(library.getvalue(handle, row, column)!).assumingMemoryBound(to: UInt8.self)
                values.append(Self.value(UnsafeBufferPointer(start: text, count: length), type: types[Int(column)]))
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    /// The value of one field in PostgreSQL's text output format, as the class SQLite would store it in.
    static func value(_ text: UnsafeBufferPointer<UInt8>, type: UInt32) -> SQLValue {
        typealias OID = PostgresParameters.OID
        switch type {
        case OID.int8, OID.int4, OID.int2, OID.oid:
            return integer(text).map(SQLValue.integer) ?? .text(String(decoding: text, as: UTF8.self))
        case OID.bool:
            return .integer(text.first == UInt8(ascii: "t") ? 1 : 0)
        case OID.float8, OID.float4:
            return Double(String(decoding: text, as: UTF8.self)).map(SQLValue.real) ?? .null
        case OID.numeric:
            // SUM and AVG of bigint columns: whole numbers stay integers, as in SQLite.
            if let whole = integer(text) { return .integer(whole) }
            return Double(String(decoding: text, as: UTF8.self)).map(SQLValue.real) ?? .null
        case OID.bytea:
            return .blob(hex(text))
        default:
            return .text(PostgresText.unescape(text))
        }
    }

    /// A decimal integer (optionally negative) that fits 64 bits; nil for anything else.
    private static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var digits = text[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `bytea` in its hex output format, `\x0aff…`.
    private static func hex(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: 0
            }
        }
        guard text.count >= 2 else { return [] }
        var bytes = [UInt8]()
        bytes.reserveCapacity((text.count - 2) / 2)
        var i = 2
        while i + 1 < text.count {
            bytes.append(nibble(text[i]) << 4 | nibble(text[i + 1]))
            i += 2
        }
        return bytes
    }
}
