/// A value SQLite stores: one of its five storage classes (https://www.sqlite.org/datatype3.html).
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// What every value of a type binds as, known from the type alone: how an engine with typed parameters
/// (PostgreSQL) declares a parameter, a NULL one included.
public enum SQLValueKind: Sendable {
    case integer
    case real
    case text
    case blob
    /// Stored as the integer 1 or 0, and also usable where SQL expects a truth value (`CASE WHEN ? THEN …`).
    case boolean
    /// Not known from the type: the value's own class decides, and a NULL is left for the engine to infer.
    case unknown
}

/// A Swift type that binds to and reads from an SQLite value. The conversions are `@inlinable`, so that reading a
/// row specialises in the module that reads it (see ``Row``).
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
    /// Converts from a stored value; nil when the stored class does not fit.
    init?(sqlValue: SQLValue)
    /// What values of this type bind as. Default: ``SQLValueKind/unknown``.
    static var sqlKind: SQLValueKind { get }
}

extension SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .unknown }
}

extension SQLValue: SQLValueConvertible {
    @inlinable public var sqlValue: SQLValue { self }
    @inlinable public init?(sqlValue: SQLValue) { self = sqlValue }
}

extension Int64: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .integer }
    @inlinable
    public var sqlValue: SQLValue { .integer(self) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .integer(let v) = sqlValue else { return nil }
        self = v
    }
}

extension Int: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .integer }
    @inlinable
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .integer(let v) = sqlValue else { return nil }
        self = Int(v)
    }
}

extension Bool: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .boolean }
    @inlinable
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .integer(let v) = sqlValue else { return nil }
        self = v != 0
    }
}

extension Double: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .real }
    @inlinable
    public var sqlValue: SQLValue { .real(self) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: return nil
        }
    }
}

extension String: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .text }
    @inlinable
    public var sqlValue: SQLValue { .text(self) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .text(let v) = sqlValue else { return nil }
        self = v
    }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    public static var sqlKind: SQLValueKind { .blob }
    @inlinable
    public var sqlValue: SQLValue { .blob(self) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let v): self = v
        case .text(let v): self = Array(v.utf8)
        default: return nil
        }
    }
}

extension Timestamp: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { .integer }
    @inlinable
    public var sqlValue: SQLValue { .integer(milliseconds) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .integer(let v) = sqlValue else { return nil }
        self.init(milliseconds: v)
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public static var sqlKind: SQLValueKind { Wrapped.sqlKind }
    @inlinable
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    @inlinable
    public init?(sqlValue: SQLValue) {
        if case .null = sqlValue {
            self = .none
        } else if let v = Wrapped(sqlValue: sqlValue) {
            self = .some(v)
        } else {
            return nil
        }
    }
}

extension RawRepresentable where Self: SQLValueConvertible, RawValue == String {
    public static var sqlKind: SQLValueKind { .text }
    @inlinable
    public var sqlValue: SQLValue { .text(rawValue) }
    @inlinable
    public init?(sqlValue: SQLValue) {
        guard case .text(let v) = sqlValue else { return nil }
        self.init(rawValue: v)
    }
}
