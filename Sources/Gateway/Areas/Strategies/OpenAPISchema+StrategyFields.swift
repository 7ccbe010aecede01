import HTTPAPI

extension OpenAPISchema {
    /// Member schemas the Strategies area's bodies repeat.
    enum StrategyFields {
        /// An RFC 3339 timestamp, as ``Kernel/Timestamp`` encodes and decodes it.
        static func timestamp(_ description: String) -> JSONValue {
            ["type": "string", "format": "date-time", "description": .string(description)]
        }

        static func nullableTimestamp(_ description: String) -> JSONValue {
            ["type": ["string", "null"], "format": "date-time", "description": .string(description)]
        }

        /// An amount in paise: a 64-bit integer (the range the server stores) from `minimum`.
        static func paise(_ description: String, minimum: Int64 = .min, nullable: Bool = false) -> JSONValue {
            [
                "type": nullable ? ["integer", "null"] : "integer", "format": "int64",
                "minimum": .number(String(minimum)), "maximum": .number(String(Int64.max)), "description": .string(description),
            ]
        }

        /// An `enum` list; a nullable one also lists `null`, which `enum` requires besides the `type`.
        static func enumeration(_ values: [String], nullable: Bool = false) -> JSONValue {
            .array(values.map { .string($0) } + (nullable ? [.null] : []))
        }
    }
}
