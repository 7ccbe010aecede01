/// Why a master key could not be loaded or a sealed value could not be opened.
public struct SealingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable reasons.
    public enum Code: String, Sendable {
        /// The key file cannot be read or created.
        case keyFileUnavailable = "key_file_unavailable"
        /// The key file holds something other than a key.
        case keyFileMalformed = "key_file_malformed"
        /// No master key was configured where one is needed.
        case noMasterKey = "no_master_key"
        /// The value was sealed under another master key (its id is in the message).
        case sealedUnderAnotherKey = "sealed_under_another_key"
        /// The value does not open: changed bytes, another context or associated data, or not a sealed value.
        case damaged
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
