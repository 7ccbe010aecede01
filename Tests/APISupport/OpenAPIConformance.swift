import Foundation

/// Checks the OpenAPI document and real traffic with the Python tools the contract tests use:
/// `openapi_spec_validator` for the document, `jsonschema` (draft 2020-12, formats checked) for the traffic.
///
/// Every ``Exchange`` is checked three ways: its body against the schema documented for its operation and status
/// (or `default`); every member of a JSON body documented, by the schema, the `allOf` parts and the `oneOf` or
/// `anyOf` alternatives it matches, or a map's `additionalProperties` (schemas allow extra members so clients tolerate
/// additions, but one we send undocumented is drift; problem documents may carry extension members); and, for a
/// JSON request body, that the server refused it (400/422) exactly when the request schema rejects it, which is what
/// schemathesis's positive- and negative-data checks will demand.
public enum OpenAPIConformance {
    public struct Exchange: Encodable, Sendable {
        /// The `operationId`, or `webhook:<event>` for a webhook body (checked against the webhook's request schema).
        public let operation: String
        public let status: Int
        let contentType: String?
        let body: String
        let request: String?

        public init(operation: String, status: Int, contentType: String?, body: String, request: String?) {
            self.operation = operation
            self.status = status
            self.contentType = contentType
            self.body = body
            self.request = request
        }
    }

    /// nil when everything conforms; otherwise the checker's report.
    public static func check(document: [UInt8], exchanges: [Exchange]) async throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-conformance-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let documentFile = folder.appendingPathComponent("openapi.json"), trafficFile = folder.appendingPathComponent("traffic.json")
        try Data(document).write(to: documentFile)
        try JSONEncoder().encode(exchanges).write(to: trafficFile)

        let (status, report) = try await Python.run(["-c", script, documentFile.path, trafficFile.path])
        return status == 0 ? nil : report
    }

    private static let script = #"""
        import json, sys
        from jsonschema import Draft202012Validator
        from openapi_spec_validator import validate

        doc = json.load(open(sys.argv[1]))
        exchanges = json.load(open(sys.argv[2]))
        validate(doc)

        operations = {op["operationId"]: op for item in doc["paths"].values() for op in item.values()}
        operations.update({"webhook:" + event: item["post"] for event, item in doc["webhooks"].items()})

        def resolve(node):
            while "$ref" in node:
                target = doc
                for part in node["$ref"][2:].split("/"):
                    target = target[part]
                node = target
            return node

        def validator(schema):
            root = dict(schema, components=doc["components"])
            return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)

        def expand(schema, value):
            schema = resolve(schema)
            alternatives = [sub for key in ("oneOf", "anyOf") for sub in schema.get(key, []) if validator(resolve(sub)).is_valid(value)]
            return [schema] + [s for sub in schema.get("allOf", []) + alternatives for s in expand(sub, value)]

        def undocumented(schema, value, at):
            schemas = expand(schema, value)
            if isinstance(value, dict):
                members = {}
                for s in schemas:
                    for name, sub in s.get("properties", {}).items():
                        members.setdefault(name, []).append(sub)
                maps = [s["additionalProperties"] for s in schemas if isinstance(s.get("additionalProperties"), dict)]
                for name, member in value.items():
                    if name not in members and not maps:
                        yield f"{at}.{name} is not documented"
                    for sub in members.get(name, maps):
                        yield from undocumented(sub, member, f"{at}.{name}")
            elif isinstance(value, list):
                for s in schemas:
                    if "items" in s:
                        for i, element in enumerate(value):
                            yield from undocumented(s["items"], element, f"{at}[{i}]")

        failures = []
        for ex in exchanges:
            where = f'{ex["operation"]} {ex["status"]}'
            op = operations[ex["operation"]]
            body = json.loads(ex["body"])
            if ex["operation"].startswith("webhook:"):
                schema, problem = op["requestBody"]["content"]["application/json"]["schema"], False
            else:
                response = resolve(op["responses"].get(str(ex["status"]), op["responses"]["default"]))
                if ex.get("contentType") not in response.get("content", {}):
                    failures.append(f"{where}: {ex.get('contentType')} is not documented")
                    continue
                schema, problem = response["content"][ex["contentType"]]["schema"], ex["contentType"] == "application/problem+json"
            failures += [f"{where}: {e.json_path}: {e.message}" for e in validator(schema).iter_errors(body)]
            if not problem:
                failures += [f"{where}: {f}" for f in undocumented(schema, body, "$")]
            if ex.get("request") is not None:
                try:
                    request = json.loads(ex["request"])
                except ValueError:
                    continue
                accepted = validator(op["requestBody"]["content"]["application/json"]["schema"]).is_valid(request)
                if accepted == (ex["status"] in (400, 422)):
                    verdict = "valid" if accepted else "invalid"
                    failures.append(f"{where}: the schema finds {ex['request']} {verdict}")

        print("\n".join(failures))
        sys.exit(1 if failures else 0)
        """#
}
