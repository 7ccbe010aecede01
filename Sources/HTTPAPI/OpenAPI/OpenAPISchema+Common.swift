import HTTPServer

/// Schemas every area shares.
extension OpenAPISchema {
    public static let fieldError = OpenAPISchema.component("FieldError", [
        "type": "object",
        "required": ["field", "message"],
        "properties": [
            "field": ["type": "string", "description": "Path of the field in the request, e.g. `users[3].email`.", "examples": ["users[3].email"]],
            "message": ["type": "string"],
        ],
    ])

    /// RFC 9457 problem details, the body of every error response.
    public static let problem = OpenAPISchema.component("Problem", [
        "type": "object",
        "required": ["type", "title", "status", "detail", "code", "request_id"],
        "properties": [
            "type": ["type": "string", "format": "uri", "examples": [.string(Problem.typeBase + "not_found")]],
            "title": ["type": "string"],
            "status": ["type": "integer", "minimum": 400, "maximum": 599],
            "detail": ["type": "string"],
            "code": ["type": "string", "description": "The last segment of `type`: a stable machine code.", "examples": ["not_found"]],
            "request_id": ["type": "string", "description": "Quote it to support; it is also in the `Request-Id` header."],
            "errors": ["type": "array", "items": fieldError.reference, "description": "The rejected fields, when there are any."],
            "violated_policies": [
                "type": "array", "items": ["type": "string"], "examples": [["minute"]],
                "description": "On a 429 `quota_exceeded`: the quotas that refused the request (`minute`, `day`, `user-creations`, `auth-failures`).",
            ],
        ],
    ], uses: [fieldError])

    /// A page of `item`s, named after it (`UserList` for `User`): `{"object": "list", "data": [...], "has_more": false}`.
    /// Each resource has its own named list so that SDK generators give every list operation a typed answer (a
    /// shared envelope extended with `allOf` is dropped by some).
    public static func list(of item: OpenAPISchema, extra: [String: JSONValue] = [:], required extraRequired: [String] = []) -> OpenAPISchema {
        guard let name = item.name else { preconditionFailure("a list's items must be a named schema") }
        return .component(name + "List", JSONSchema.object([
            "object": JSONSchema.constant("list"),
            "data": ["type": "array", "items": item.reference],
            "has_more": ["type": "boolean", "description": "Whether another page follows this one."],
        ].merging(extra) { _, new in new }, required: ["object", "data", "has_more"] + extraRequired), uses: [item])
    }
}
