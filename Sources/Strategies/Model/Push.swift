import Kernel

/// A push of a template version to one client or to every active client on a plan, and its progress.
///
/// A dry run stores nothing: it answers with `id` null, status `dry_run`, and the recipient count a real push
/// would have now (`template_id` is null when the push would create the template).
public struct Push: Codable, Sendable, Equatable {
    public var object = "push"
    /// `psh_…`; nil for a dry run.
    public let id: String?
    /// `tpl_…`.
    public let templateID: String?
    public let templateVersion: Int
    public let target: PushTarget
    public let status: PushStatus
    /// How many clients the push reaches (resolved when it was made).
    public let recipients: Int
    /// How many of them have been processed.
    public let done: Int
    public let livemode: Bool
    public let createdAt: Timestamp
    public let completedAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case object, id, target, status, recipients, done, livemode
        case templateID = "template_id", templateVersion = "template_version"
        case createdAt = "created_at", completedAt = "completed_at"
    }

    /// Every field, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(object, forKey: .object)
        try c.encode(id, forKey: .id)
        try c.encode(templateID, forKey: .templateID)
        try c.encode(templateVersion, forKey: .templateVersion)
        try c.encode(target, forKey: .target)
        try c.encode(status, forKey: .status)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(done, forKey: .done)
        try c.encode(livemode, forKey: .livemode)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(completedAt, forKey: .completedAt)
    }
}

/// A push's progress: `queued` (nothing processed yet), `running`, `completed`; `dry_run` only in a dry run's answer.
public enum PushStatus: String, Codable, Sendable, SQLValueConvertible {
    case queued, running, completed
    case dryRun = "dry_run"
}

/// Who a push reaches: one client, or every client active on a plan when the push is made.
/// Encoded as `{"type": "user", "id": "usr_…"}` or `{"type": "plan", "id": "plan_…"}`.
public enum PushTarget: Codable, Sendable, Equatable {
    case user(String)
    case plan(String)

    var type: String {
        switch self {
        case .user: "user"
        case .plan: "plan"
        }
    }

    var id: String {
        switch self {
        case .user(let id), .plan(let id): id
        }
    }

    init?(type: String, id: String) {
        switch type {
        case "user": self = .user(id)
        case "plan": self = .plan(id)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard let target = PushTarget(type: type, id: try container.decode(String.self, forKey: .id)) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "type must be user or plan")
        }
        self = target
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(id, forKey: .id)
    }

    enum CodingKeys: String, CodingKey { case type, id }
}
