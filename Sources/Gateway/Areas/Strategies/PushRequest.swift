import HTTPAPI
import Kernel
import Strategies

/// The body of `POST /v1/wl/strategies/push`:
/// `{"target": {"user_id": "usr_…"} | {"plan_id": "plan_…"}, "template": "<markdown>" | {…}, "template_id"?, "dry_run"?}`.
///
/// As everywhere in the API, an optional field sent as `null` counts as absent.
struct PushRequest: Decodable {
    let target: PushTarget
    let template: TemplateSource
    let templateID: String?
    let dryRun: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case target, template, templateID = "template_id", dryRun = "dry_run"
    }

    /// The keys of `target`: exactly one of them.
    private enum TargetKeys: String, CodingKey, CaseIterable {
        case userID = "user_id", planID = "plan_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        target = try Self.target(container.nestedContainer(keyedBy: TargetKeys.self, forKey: .target))
        template = try container.decode(TemplateBody.self, forKey: .template).source
        templateID = try container.decodeIfPresent(String.self, forKey: .templateID)
        dryRun = try container.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
    }

    /// A key that is present must hold a string, even `null` is refused: `{"user_id": null, "plan_id": "plan_…"}`
    /// names two targets, which is one too many, not a plan push.
    private static func target(_ container: KeyedDecodingContainer<TargetKeys>) throws -> PushTarget {
        let userID = container.contains(.userID) ? try container.decode(String.self, forKey: .userID) : nil
        let planID = container.contains(.planID) ? try container.decode(String.self, forKey: .planID) : nil
        switch (userID, planID) {
        case (let userID?, nil): return .user(userID)
        case (nil, let planID?): return .plan(planID)
        default:
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath, debugDescription: "Give exactly one of user_id and plan_id."))
        }
    }

    /// The domain names the fields at fault relative to what it was given (a JSON template's own `risk.…`, the
    /// target's `user_id`); the request nests them under `template` and `target`, and its errors say so.
    static func locateFields(of error: DomainError) -> DomainError {
        let parent: String
        switch error.code {
        case .invalidTemplate: parent = "template"
        case .userNotFound, .planNotFound: parent = "target"
        default: return error
        }
        var located = error
        located.fields = error.fields.map { field in
            FieldError(field: field.field == parent ? parent : parent + "." + field.field, message: field.message)
        }
        return located
    }
}

/// `template`: markdown with front matter as a string, or the JSON format as an object.
///
/// The object goes to the domain as JSON text, which is what lets the domain report its fields at their paths and
/// cap both formats at 64 KiB alike: the text is the object re-serialised compactly, with every number's literal
/// kept (``ValueDecoder`` holds the parsed ``JSONValue``, so nothing is read twice or rounded on the way).
private struct TemplateBody: Decodable {
    let source: TemplateSource

    init(from decoder: any Decoder) throws {
        // Request bodies are only ever decoded by the Gateway's own decoder; see ``StrictDecoder``.
        guard let decoder = decoder as? ValueDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Unsupported decoder."))
        }
        switch decoder.value {
        case .string(let markdown): source = .markdown(markdown)
        case .object: source = .json(String(decoding: decoder.value.serialized(), as: UTF8.self))
        default: throw ValueDecoder.mismatch(decoder.value, expected: "a markdown string or a JSON object", at: decoder.codingPath)
        }
    }
}
