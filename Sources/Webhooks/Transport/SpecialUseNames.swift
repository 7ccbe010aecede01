/// Domain names that are never on the public internet, whatever they resolve to here: a webhook URL naming one is
/// refused before any lookup. They resolve (if at all) through local configuration — `/etc/hosts`, mDNS, a
/// company's own DNS — so they can only point inside some private network.
///
/// From the IANA Special-Use Domain Names registry (RFC 6761 `localhost`, `invalid`, `test`; RFC 6762 `local`;
/// RFC 8375 `home.arpa`, and every other name under `arpa`, the infrastructure domain; RFC 7686 `onion`; RFC 9476
/// `alt`), ICANN's private-use `internal`, and `home` and `corp`, which ICANN will never delegate because private
/// networks use them so widely. `example.com` and its siblings are left alone, as RFC 6761 §6.5 asks of applications.
enum SpecialUseNames {
    static let suffixes: Set<String> = ["localhost", "local", "internal", "invalid", "test", "onion", "alt", "arpa", "home", "corp"]

    /// Whether `host` (a name, not an address literal) is a single label or ends in a special-use name.
    static func isPrivate(_ host: String) -> Bool {
        let labels = host.lowercased().split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count > 1, let last = labels.last else { return true }
        return suffixes.contains(String(last))
    }
}
