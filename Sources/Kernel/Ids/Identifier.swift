/// Random, prefixed identifiers such as `usr_3kTMd92jLqY0pZxW81vBnA`.
///
/// The part after the prefix is 22 base62 characters drawn from the CSPRNG: about 131 random bits, so guessing
/// another tenant's id is hopeless. Ids carry no time or sequence; order rows by their own columns.
public enum Identifier {
    /// Number of random base62 characters after the prefix.
    public static let randomLength = 22

    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new id of `kind`: its prefix, `_`, then 22 random base62 characters.
    public static func make(_ kind: IdentifierPrefix) -> String { make(kind.rawValue) }

    /// A new id: `prefix` + `_` + 22 random base62 characters.
    public static func make(_ prefix: String) -> String {
        prefix + "_" + randomBase62(count: randomLength)
    }

    /// `count` random base62 characters, unbiased (bytes ≥ 248 are rejected, so each character is uniform).
    public static func randomBase62(count: Int) -> String {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            for byte in SecureRandom.bytes(count * 2) where byte < 248 && out.count < count {
                out.append(alphabet[Int(byte % 62)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` has the shape of an id of `kind`.
    public static func isValid(_ text: String, kind: IdentifierPrefix) -> Bool { isValid(text, prefix: kind.rawValue) }

    /// Whether `text` is an id with this prefix: the prefix, `_`, then 22 base62 characters.
    public static func isValid(_ text: String, prefix: String) -> Bool {
        let utf8 = Array(text.utf8), p = Array(prefix.utf8)
        guard utf8.count == p.count + 1 + randomLength, utf8.starts(with: p), utf8[p.count] == UInt8(ascii: "_")
        else { return false }
        return utf8[(p.count + 1)...].allSatisfy { alphabet.contains($0) }
    }
}
