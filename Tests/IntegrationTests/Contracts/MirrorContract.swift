import Kernel

/// What the contract asks of one subscriber's mirror and the samples its publisher produced: each sample decodes,
/// and every key the mirror reads is sent by the publisher in at least one sample.
enum MirrorContract {
    /// Empty when the mirror and the samples agree; otherwise one line per breach.
    static func violations(of mirror: EventMirror, consumer: String, samples: [Event]) -> [String] {
        guard !samples.isEmpty else { return ["\(consumer) reads \(mirror.type), which nothing published"] }
        let audit = PresenceAudit()
        var found = [String]()
        for sample in samples {
            do {
                try audit.decode(mirror.payload, from: sample.payload)
            } catch {
                found.append("\(consumer) cannot decode \(mirror.type) \(sample.id): \(error)")
            }
        }
        for key in audit.requested.subtracting(audit.present).sorted() {
            found.append("\(consumer) reads \(mirror.type) \(key), which its publisher never sends")
        }
        return found
    }
}
