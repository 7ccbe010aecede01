import HTTPServer
import Kernel

extension HTTPResponse {
    public static let jsonContentType = "application/json"

    /// A JSON response from a ``JSONValue``.
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        json(bytes: value.serialized(), status: status)
    }

    /// A JSON response written by a ``JSONWritable`` (the hot routes' types): the bytes ``json(encoding:status:)``
    /// would give, without going through an `Encoder`.
    @inlinable
    public static func json(writing value: some JSONWritable, status: Int = 200) -> HTTPResponse {
        json(bytes: JSONWriter.encode(value), status: status)
    }

    /// A JSON response whose body was written already (a list page written on the reader from its rows).
    public static func json(bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        // Room for the quota headers and the standard ones the Gateway adds on the way out, so they cost no growth.
        var headers = HTTPHeaders(minimumCapacity: 8)
        headers.add("Content-Type", jsonContentType)
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }

    /// A JSON response from an `Encodable` value, with the project's one encoder configuration (sorted keys).
    public static func json(encoding value: some Encodable, status: Int = 200) throws -> HTTPResponse {
        json(bytes: Array(try JSON.encode(value)), status: status)
    }
}
