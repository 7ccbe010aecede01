import HTTPClient
import Synchronization

/// A resolver with fixed answers (names nobody else resolves, like `receiver.test`), counting its lookups.
final class FixedResolver: NameResolver {
    private let answers: [String: [IPAddress]]
    private let count = Atomic(0)

    init(_ answers: [String: [String]]) {
        self.answers = answers.mapValues { $0.compactMap(IPAddress.init) }
    }

    var lookups: Int { count.load(ordering: .relaxed) }

    func addresses(of host: String) async -> [IPAddress] {
        count.add(1, ordering: .relaxed)
        return answers[host] ?? []
    }
}

/// A name that rebinds: each lookup returns the next answer in turn (a public address, then 127.0.0.1, ...).
final class RebindingResolver: NameResolver {
    private let answers: [[IPAddress]]
    private let count = Atomic(0)

    init(_ answers: [[String]]) {
        self.answers = answers.map { $0.compactMap(IPAddress.init) }
    }

    var lookups: Int { count.load(ordering: .relaxed) }

    func addresses(of host: String) async -> [IPAddress] {
        answers[count.add(1, ordering: .relaxed).oldValue % answers.count]
    }
}

/// Refuses the listed addresses, permits the rest.
struct RefusingPolicy: AddressPolicy {
    let refused: Set<IPAddress>

    init(_ refused: [String]) { self.refused = Set(refused.compactMap(IPAddress.init)) }

    func permits(_ address: IPAddress) -> Bool { !refused.contains(address) }
}
