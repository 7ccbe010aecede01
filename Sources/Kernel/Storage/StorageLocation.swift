/// Where the data lives, as `--db` names it: a `postgres://` (or `postgresql://`) URL selects PostgreSQL, anything
/// else is the path of an SQLite file.
///
/// Its ``description`` never shows a password: logs and messages print that, never the text given.
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite database file (created with its folder when missing).
    case sqlite(path: String)
    /// A PostgreSQL connection URL, `postgres://user:password@host:port/dbname?sslmode=…`, handed to libpq as it is.
    case postgres(url: String)

    /// Reads what `--db` was given.
    public init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The SQL the location's engine speaks.
    public var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The path, or the URL with its password (and any `password=` parameter) replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redacting(url)
        }
    }

    /// `url` with the password of its user-information part and the value of a `password` query parameter
    /// replaced by `***`.
    static func redacting(_ url: String) -> String {
        replacingPassword(in: url, with: ":***", parameter: "password=***")
    }

    /// `url` without its password (user-information part, `password` query parameter): what a command printed for
    /// the user to run takes, the password coming from `PGPASSWORD` or `~/.pgpass`.
    static func removingPassword(_ url: String) -> String {
        replacingPassword(in: url, with: "", parameter: nil)
    }

    private static func replacingPassword(in url: String, with password: String, parameter: String?) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority = authority[..<colon] + password + authority[at...]
        }
        var tail = String(rest[authorityEnd...])
        if let query = tail.firstIndex(of: "?") {
            let parameters = tail[tail.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).compactMap { item in
                item.lowercased().hasPrefix("password=") ? parameter : String(item)
            }
            tail = parameters.isEmpty ? String(tail[..<query]) : tail[...query] + parameters.joined(separator: "&")
        }
        return url[..<scheme.upperBound] + authority + tail
    }
}
