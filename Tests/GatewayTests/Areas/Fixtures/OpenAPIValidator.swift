import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import Foundation

/// Checks the OpenAPI document, and bodies against its schemas, with the Python tools CI installs
/// (`openapi-spec-validator`, which brings `jsonschema` with its RFC 3339 format checker).
enum OpenAPIValidator {
    /// A body and the component schema it must satisfy (`valid`) or must not (a body the server refuses by shape).
    struct Sample {
        let schema: String
        let instance: JSONValue
        var valid = true

        var json: JSONValue { ["schema": .string(schema), "instance": instance, "valid": .bool(valid)] }
    }

    /// What `python3 -m openapi_spec_validator` says of `document`, and whether it found it valid.
    static func validate(_ document: JSONValue) async throws -> (valid: Bool, output: String) {
        let file = try write(document)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try await Python.run(["-m", "openapi_spec_validator", file.path])
        return (status == 0, output)
    }

    /// The samples on which the document and the server disagree; empty when they agree on all.
    static func disagreements(_ samples: [Sample], with document: JSONValue) async throws -> [String] {
        let documentFile = try write(document), samplesFile = try write(.array(samples.map(\.json)))
        defer { for file in [documentFile, samplesFile] { try? FileManager.default.removeItem(at: file) } }
        let (status, output) = try await Python.run(["-c", checkSamples, documentFile.path, samplesFile.path])
        guard status == 0, case .array(let lines) = try JSONParser.parse(Array(output.utf8)) else {
            throw ValidatorFailed(output: output)
        }
        return lines.compactMap(\.string)
    }

    /// Each sample against `#/components/schemas/<schema>`, formats checked.
    private static let checkSamples = """
        import json, sys
        from jsonschema import Draft202012Validator
        document, samples = (json.load(open(path)) for path in sys.argv[1:3])
        found = []
        for number, sample in enumerate(samples):
            schema = {"$ref": "#/components/schemas/" + sample["schema"], "components": document["components"]}
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(sample["instance"])]
            if sample["valid"] and errors:
                found.append(f"{sample['schema']} refuses sample {number} the server sent or accepted: {'; '.join(errors)}")
            if not sample["valid"] and not errors:
                found.append(f"{sample['schema']} accepts sample {number}, which the server refuses: {json.dumps(sample['instance'])}")
        print(json.dumps(found))
        """

    private static func write(_ value: JSONValue) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-" + UUID().uuidString + ".json")
        try Data(value.serialized()).write(to: file)
        return file
    }

    struct ValidatorFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "the schema check failed to run: \(output)" }
    }
}
