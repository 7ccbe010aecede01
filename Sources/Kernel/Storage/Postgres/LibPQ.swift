import Glibc
import Synchronization

/// The few libpq functions the PostgreSQL engine calls, resolved at run time with `dlopen`/`dlsym`.
///
/// The binary never links libpq: it is loaded only when a `postgres://` URL is given, so the default build and
/// `serve` on SQLite run on machines without it. A missing library is one ``StorageError`` with code
/// ``StorageError/Code/clientLibraryMissing`` that says what to install.
struct LibPQ: Sendable {
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer

    /// libpq's soname (Debian's `libpq5`).
    static let defaultName = "libpq.so.5"

    // ConnStatusType, ExecStatusType and PGTransactionStatusType values libpq-fe.h defines.
    static let connectionOK: Int32 = 0
    static let emptyQuery: Int32 = 0, commandOK: Int32 = 1, tuplesOK: Int32 = 2
    static let transactionInBlock: Int32 = 2, transactionInError: Int32 = 3
    /// PQresultErrorField codes (postgres_ext.h).
    static let fieldSQLState = Int32(UInt8(ascii: "C")), fieldPrimaryMessage = Int32(UInt8(ascii: "M"))

    let connectdbParams: @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> Connection?
    let status: @convention(c) (Connection?) -> Int32
    let errorMessage: @convention(c) (Connection?) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Connection?) -> Void
    let transactionStatus: @convention(c) (Connection?) -> Int32
    let setNoticeProcessor: @convention(c) (Connection?, (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void)?, UnsafeMutableRawPointer?) -> OpaquePointer?
    let exec: @convention(c) (Connection?, UnsafePointer<CChar>?) -> Result?
    let prepare: @convention(c) (Connection?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?) -> Result?
    let execPrepared: @convention(c) (
        Connection?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> Result?
    let resultStatus: @convention(c) (Result?) -> Int32
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (Result?) -> Void
    let ntuples: @convention(c) (Result?) -> Int32
    let nfields: @convention(c) (Result?) -> Int32
    let fname: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let ftype: @convention(c) (Result?, Int32) -> UInt32
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let cmdStatus: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let cmdTuples: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let socket: @convention(c) (Connection?) -> Int32
    let consumeInput: @convention(c) (Connection?) -> Int32
    let notifies: @convention(c) (Connection?) -> UnsafeMutableRawPointer?
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// libpq-fe.h's `PGnotify`, what ``notifies`` points to: one notification taken off a connection (free it with
    /// ``freemem``).
    struct PGnotify {
        var relname: UnsafeMutablePointer<CChar>?
        var bePid: Int32
        var extra: UnsafeMutablePointer<CChar>?
        var next: UnsafeMutableRawPointer?
    }

    /// The library loaded from `name` (a soname or a path), once per name for the life of the process.
    static func load(_ name: String = defaultName) throws -> LibPQ {
        try loaded.withLock { cache in
            if let library = cache[name] { return library }
            let library = try LibPQ(opening: name)
            cache[name] = library
            return library
        }
    }

    private static let loaded = Mutex<[String: LibPQ]>([:])

    private init(opening name: String) throws {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw StorageError(
                .clientLibraryMissing,
                "PostgreSQL needs the libpq client library (\(name)), which could not be loaded: install it "
                    + "(Debian/Ubuntu: apt-get install libpq5) or give --db an SQLite file")
        }
        func symbol<F>(_ name: String, as type: F.Type = F.self) throws -> F {
            guard let address = dlsym(handle, name) else {
                throw StorageError(.clientLibraryMissing, "the libpq library loaded lacks \(name): install libpq 12 or later")
            }
            return unsafeBitCast(address, to: F.self)
        }
        connectdbParams = try symbol("PQconnectdbParams")
        status = try symbol("PQstatus")
        errorMessage = try symbol("PQerrorMessage")
        finish = try symbol("PQfinish")
        transactionStatus = try symbol("PQtransactionStatus")
        setNoticeProcessor = try symbol("PQsetNoticeProcessor")
        exec = try symbol("PQexec")
        prepare = try symbol("PQprepare")
        execPrepared = try symbol("PQexecPrepared")
        resultStatus = try symbol("PQresultStatus")
        resultErrorField = try symbol("PQresultErrorField")
        clear = try symbol("PQclear")
        ntuples = try symbol("PQntuples")
        nfields = try symbol("PQnfields")
        fname = try symbol("PQfname")
        ftype = try symbol("PQftype")
        getvalue = try symbol("PQgetvalue")
        getlength = try symbol("PQgetlength")
        getisnull = try symbol("PQgetisnull")
        cmdStatus = try symbol("PQcmdStatus")
        cmdTuples = try symbol("PQcmdTuples")
        socket = try symbol("PQsocket")
        consumeInput = try symbol("PQconsumeInput")
        notifies = try symbol("PQnotifies")
        freemem = try symbol("PQfreemem")
    }
}
