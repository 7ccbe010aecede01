/// What a push does for one recipient, decided from the copy they already have (if any). Pure.
///
/// A client has at most one copy of a template. A copy already at this version or newer is left alone, so a slow
/// push of version 2 finishing after version 3 never downgrades anyone. A live copy is never changed under a
/// running strategy: it is flagged with the newer version instead.
enum PushDelivery {
    /// The recipient's existing copy of the template.
    struct Copy: Equatable, Sendable {
        let status: StrategyStatus
        let templateVersion: Int
        let availableVersion: Int?
    }

    enum Action: Equatable, Sendable {
        /// A new `draft` built from this version.
        case create
        /// The copy moves to this version in place.
        case update
        /// The live copy is flagged `update_available` with this version.
        case flag
        /// Nothing to do: the client is no longer active, or already has this version or a newer one.
        case skip
    }

    static func action(for copy: Copy?, clientActive: Bool, version: Int) -> Action {
        guard clientActive else { return .skip }
        guard let copy else { return .create }
        guard copy.templateVersion < version else { return .skip }
        guard copy.status == .live else { return .update }
        return (copy.availableVersion ?? 0) < version ? .flag : .skip
    }
}
