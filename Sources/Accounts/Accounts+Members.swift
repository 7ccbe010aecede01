import Foundation
import Kernel

extension Accounts {
    /// Creates a dashboard sign-in for an operator's staff member.
    public func addMember(operatorID: String, email: String, password: String) async throws -> Member {
        let email = try Validators.email(email)
        guard (12...200).contains(password.count) else {
            throw DomainError.invalidField("password", "must be 12–200 characters")
        }
        let hash = hasher.hash(password)
        let id = Identifier.make(.member)
        do {
            return try await database.write { tx in
                _ = try Self.operatorRow(operatorID, tx)
                try tx.execute(
                    "INSERT INTO members(id, operator_id, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                    [id, operatorID, email, hash, tx.now])
                return Member(id: id, operatorID: operatorID, email: email, createdAt: tx.now)
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw DomainError(.conflict, code: .emailTaken, "A member with this email already exists.")
        }
    }

    /// The member whose email and password match, or nil. Unknown emails cost the same time as wrong passwords.
    public func verifyMember(email: String, password: String) async throws -> Member? {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        let row = try await database.read { tx in
            try tx.queryOne("SELECT id, operator_id, email, password_hash, created_at FROM members WHERE email = ?", [normalised])
        }
        let stored = try row?.get("password_hash", as: String.self) ?? PasswordHasher.decoy
        guard hasher.verify(password, against: stored), let row else { return nil }
        return Member(id: try row.get("id"), operatorID: try row.get("operator_id"), email: try row.get("email"), createdAt: try row.get("created_at"))
    }
}
