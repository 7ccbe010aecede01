import Kernel

/// Dashboard passwords, stored as `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (PBKDF2-HMAC-SHA256,
/// 210,000 iterations by default: OWASP's 2023 figure).
struct PasswordHasher: Sendable {
    let iterations: Int

    init(iterations: Int = 210_000) { self.iterations = iterations }

    func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(16)
        let derived = Digest.pbkdf2SHA256(password: password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Base64.encode(salt))$\(Base64.encode(derived))"
    }

    /// Whether `password` matches `stored`, compared in constant time.
    func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Base64.decode(parts[2]), let expected = Base64.decode(parts[3])
        else { return false }
        let derived = Digest.pbkdf2SHA256(password: password, salt: salt, iterations: rounds, length: expected.count)
        return ConstantTime.equals(derived, expected)
    }

    /// A hash to verify against when the email is unknown, so both failures cost the same time.
    static let decoy = PasswordHasher().hash(SecretToken.random(24))
}
