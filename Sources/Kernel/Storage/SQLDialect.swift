/// The SQL an engine speaks. Modules write the portable subset in SQLite's dialect with `?` placeholders; an
/// engine that speaks another translates it (``PostgresEngine``: see ``SQLTranslator``). A module that truly needs
/// different SQL per engine asks ``Transaction/dialect``, and a migration gives a per-engine variant
/// (``Migration/variants``).
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case sqlite
    case postgres
}
