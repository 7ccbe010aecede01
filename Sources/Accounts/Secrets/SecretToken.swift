import Kernel

/// Bearer secrets (API keys, login tokens, session tokens): random, shown once, stored as their SHA-256 only.
enum SecretToken {
    /// `count` random base62 characters.
    static func random(_ count: Int) -> String { Identifier.randomBase62(count: count) }

    /// The stored form of a secret.
    static func hash(_ secret: String) -> [UInt8] { Digest.sha256(secret) }

    /// A 256-bit login or session token (43 base62 characters ≈ 256 bits) behind `prefix`.
    static func token(prefix: String) -> String { prefix + random(43) }
}

/// The API key format `tt_wl_{slug}_{live|test}_{40 base62}`.
enum APIKeyFormat {
    static let secretLength = 40

    static func make(slug: String, mode: Mode) -> String {
        "tt_wl_\(slug)_\(mode.rawValue)_" + SecretToken.random(secretLength)
    }

    /// Whether `text` looks like an API key at all (cheap check before hashing and looking it up).
    /// (Byte-level: it runs on every request, and `Character` properties cost a Unicode table lookup each.)
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count <= 6 + 20 + 6 + secretLength && text.hasPrefix("tt_wl_")
            && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F }
    }

    /// `tt_wl_acme_live_…a1b2`.
    static func masked(prefix: String, last4: String) -> String { prefix + "…" + last4 }

    /// The non-secret head of a key: everything up to and including `_{mode}_`.
    static func prefix(of key: String) -> String { String(key.dropLast(secretLength)) }
}
