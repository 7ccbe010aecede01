@testable import Kernel
import Testing
import TestSupport

/// How values cross to and from PostgreSQL, without a server: parameters, text output, NUL escaping, error codes.
@Suite(.databases) struct PostgresValueTests {
    typealias OID = PostgresParameters.OID

    @Test func parameters_takeTheirTypeFromTheSwiftType_nullsIncluded() {
        let parameters = PostgresParameters([
            42, Int64(-1), "é", [UInt8]([1, 2]), 1.5, true, Timestamp(milliseconds: 7), Mode.live,
            String?.none, Int?.none, [UInt8]?.none, Bool?.none, SQLValue.null,
        ])
        #expect(parameters.types == [
            OID.int8, OID.int8, OID.text, OID.bytea, OID.float8, OID.unknown, OID.int8, OID.text,
            OID.text, OID.int8, OID.bytea, OID.unknown, OID.unknown,
        ])
        #expect(parameters.formats == [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1])
        #expect(parameters.lengths.prefix(5) == [8, 8, 2, 2, 8])
        #expect(parameters.offsets.suffix(5).allSatisfy { $0 == nil })
        #expect(Array(parameters.bytes.prefix(16)) == [0, 0, 0, 0, 0, 0, 0, 42, 255, 255, 255, 255, 255, 255, 255, 255])
    }

    @Test func text_withNULOrTheMarker_roundTripsThroughTheEscape() {
        for text in ["plain", "", "ab\u{0}cd", "\u{0}", "\u{10FFFF}", "\u{10FFFF}0", "x\u{10FFFF}\u{0}\u{10FFFF}\u{10FFFF}y", "é😀\u{F4}"] {
            let escaped = PostgresText.escape(text)
            #expect(!escaped.contains(0))
            #expect(escaped.withUnsafeBufferPointer(PostgresText.unescape) == text)
        }
        #expect(PostgresText.escape("ab\u{0}cd") != PostgresText.escape("ab\u{10FFFF}0cd"))
    }

    @Test func textOutput_readsAsTheClassSQLiteWouldStore() {
        func value(_ text: String, _ type: UInt32) -> SQLValue {
            Array(text.utf8).withUnsafeBufferPointer { PostgresResult.value($0, type: type) }
        }
        #expect(value("-9223372036854775808", OID.int8) == .integer(.min))
        #expect(value("9223372036854775807", OID.int8) == .integer(.max))
        #expect(value("17", OID.int4) == .integer(17))
        #expect(value("t", OID.bool) == .integer(1) && value("f", OID.bool) == .integer(0))
        #expect(value("1.5", OID.float8) == .real(1.5))
        #expect(value("123456789012", OID.numeric) == .integer(123_456_789_012))
        #expect(value("2.5000", OID.numeric) == .real(2.5))
        #expect(value(#"\x00ff10"#, OID.bytea) == .blob([0, 255, 16]))
        #expect(value(#"\x"#, OID.bytea) == .blob([]))
        #expect(value("héllo", OID.text) == .text("héllo"))
    }

    @Test func sqlStates_mapToEngineNeutralCodes() {
        #expect(PostgresErrorCode.code(sqlState: "23505") == .uniqueViolation)
        #expect(PostgresErrorCode.code(sqlState: "23503") == .constraintViolation)
        #expect(PostgresErrorCode.code(sqlState: "23502") == .constraintViolation)
        #expect(PostgresErrorCode.code(sqlState: "40001") == .busy)
        #expect(PostgresErrorCode.code(sqlState: "40P01") == .busy)
        #expect(PostgresErrorCode.code(sqlState: "08006") == .connectionLost)
        #expect(PostgresErrorCode.code(sqlState: "57P01") == .connectionLost)
        #expect(PostgresErrorCode.code(sqlState: "28P01") == .cannotOpen)
        #expect(PostgresErrorCode.code(sqlState: "42P01") == .engine)
    }

    @Test func location_selectsTheEngineByScheme_andNeverShowsThePassword() {
        #expect(StorageLocation("./data/operator-api.sqlite") == .sqlite(path: "./data/operator-api.sqlite"))
        #expect(StorageLocation("postgres://u@h/db").dialect == .postgres)
        #expect(StorageLocation("PostgreSQL://u@h/db").dialect == .postgres)
        let url = "postgres://app:s3cr%40t@db.example:5432/ops?sslmode=require&password=other"
        #expect(StorageLocation(url).description == "postgres://app:***@db.example:5432/ops?sslmode=require&password=***")
        #expect(StorageLocation.removingPassword(url) == "postgres://app@db.example:5432/ops?sslmode=require")
        #expect(StorageLocation("postgres://app@h/db").description == "postgres://app@h/db")
        #expect(StorageLocation("postgresql://h/db?password=x").description == "postgresql://h/db?password=***")
        #expect(StorageLocation.removingPassword("postgresql://h/db?password=x") == "postgresql://h/db")
    }

    @Test func backupCommand_isPgDumpWithoutThePassword() {
        #expect(PostgresEngine.backupCommand(url: "postgres://app:pw@db:5432/ops?sslmode=require", to: "/backups/it's.dump")
                == #"pg_dump --format=custom --file='/backups/it'\''s.dump' --dbname='postgres://app@db:5432/ops?sslmode=require'"#)
    }

    @Test func missingLibpq_isOneClearErrorNamingWhatToInstall() {
        #expect {
            _ = try Database(location: .postgres(url: "postgres://nobody@127.0.0.1:1/none"), clock: ManualClock(),
                             settings: StorageSettings(clientLibrary: "libpq-that-is-not-installed.so.5"))
        } throws: { error in
            guard let error = error as? StorageError else { return false }
            return error.code == .clientLibraryMissing && error.message.contains("libpq5") && !error.message.contains("\n")
        }
    }
}
