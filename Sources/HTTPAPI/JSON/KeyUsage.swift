/// Records, for every JSON object a decode visits, which members the `Decodable` type asked for; members nobody
/// asked for are unknown fields.
///
/// Tracking reads rather than declaring allowed keys means a request type needs no extra declaration and cannot
/// forget one: whatever its `init(from:)` reads is allowed. A type that lists `allKeys` (a dictionary) accepts any
/// member. When the type's `CodingKeys` are `CaseIterable`, members outside them are reported even if decoding
/// fails part-way, so a misspelt field shows up next to the "required field is missing" it causes.
///
/// A reference type because every container of one decode shares it; it never leaves that synchronous decode.
final class KeyUsage {
    private struct Entry {
        var path: [any CodingKey]
        var members: Set<String>
        var read: Set<String> = []
        var acceptsAny = false
    }

    private var entries: [String: Entry] = [:]
    private var declaredUnknown: Set<FieldError> = []

    func visit(_ path: [any CodingKey], members: Set<String>, declaredKeys: Set<String>?) {
        let id = FieldPath.render(path)
        if entries[id] == nil { entries[id] = Entry(path: path, members: members) }
        if let declaredKeys {
            for member in members.subtracting(declaredKeys) { declaredUnknown.insert(Self.unknown(member, in: path)) }
        }
    }

    func read(_ member: String, in path: [any CodingKey]) {
        entries[FieldPath.render(path)]?.read.insert(member)
    }

    func acceptAnyMember(in path: [any CodingKey]) {
        entries[FieldPath.render(path)]?.acceptsAny = true
    }

    /// Members outside a `CaseIterable` key set: known to be unknown even when the decode failed.
    var declaredUnknownFields: [FieldError] { declaredUnknown.sorted { $0.field < $1.field } }

    /// Every member no container read, once the decode has finished.
    var unreadFields: [FieldError] {
        var found = declaredUnknown
        for entry in entries.values where !entry.acceptsAny {
            for member in entry.members.subtracting(entry.read) { found.insert(Self.unknown(member, in: entry.path)) }
        }
        return found.sorted { $0.field < $1.field }
    }

    private static func unknown(_ member: String, in path: [any CodingKey]) -> FieldError {
        FieldError(field: FieldPath.render(path + [MemberKey(member)]), message: "Unknown field.")
    }
}
