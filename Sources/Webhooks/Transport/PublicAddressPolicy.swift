import HTTPClient

/// The address policy of webhook deliveries: every address a receiver's name resolves to is vetted by the
/// ``AddressGuard`` before a connection is attempted, so a name that rebinds to a private address between lookups
/// never gets a connection there.
public struct PublicAddressPolicy: AddressPolicy {
    public init() {}

    public func permits(_ address: IPAddress) -> Bool { !AddressGuard.isBlocked(address) }
}
