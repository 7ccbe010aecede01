/// Which addresses the client may connect to. Every address a name resolves to is put to the policy before a
/// connection is attempted; refused ones are never connected to (a webhook sender refuses private and reserved
/// ranges this way).
public protocol AddressPolicy: Sendable {
    func permits(_ address: IPAddress) -> Bool
}

/// Permits every address (the default: a client for configured, trusted URLs).
public struct PermitAllAddresses: AddressPolicy {
    public init() {}
    public func permits(_ address: IPAddress) -> Bool { true }
}

extension AddressPolicy where Self == PermitAllAddresses {
    /// Permits every address.
    public static var permitAll: PermitAllAddresses { PermitAllAddresses() }
}

/// One lookup's addresses, split by the policy's verdict: the only addresses a connection may use are `permitted`.
struct Resolution: Sendable, Equatable {
    let permitted: [IPAddress]
    let refused: [IPAddress]

    init(vetting addresses: [IPAddress], with policy: any AddressPolicy) {
        var permitted = [IPAddress](), refused = [IPAddress]()
        for address in addresses {
            if policy.permits(address) { permitted.append(address) } else { refused.append(address) }
        }
        self.permitted = permitted
        self.refused = refused
    }
}
