/// Who is acting: a party (by handle and kind) or the system applying a timeout.
public enum Actor: Hashable, Sendable, CustomStringConvertible {
    case party(Handle, PartyKind)
    case system

    public static let platform = Actor.party(.platform, .platform)

    public var handle: Handle? { if case let .party(handle, _) = self { return handle } else { return nil } }
    public var kind: PartyKind? { if case let .party(_, kind) = self { return kind } else { return nil } }

    /// "supplier:acme-tools", "platform:platform", "system" — the form written to audit events.
    public var description: String {
        switch self {
        case let .party(handle, kind): return "\(kind.rawValue):\(handle.value)"
        case .system: return "system"
        }
    }
}

/// Who a transition allows, relative to the order.
public enum Role: String, Sendable, CaseIterable {
    /// The party that drafted the contract.
    case initiator
    /// The party that did not draft it and must confirm it.
    case counterparty
    case supplier
    case buyer
    /// The supplier or the buyer of this order.
    case eitherParty
    case platform
    /// Timeouts, applied by the sweep.
    case system
}

extension Order {
    /// The role `actor` plays on this order, if any. Strangers play none.
    public func roles(of actor: Actor) -> Set<Role> {
        Order.roles(of: actor, supplier: supplier, buyer: buyer, initiator: initiator)
    }

    /// The same, from an order's parties alone (lists know these without loading the order).
    public static func roles(of actor: Actor, supplier: Handle, buyer: Handle, initiator: PartyKind) -> Set<Role> {
        switch actor {
        case .system: return [.system]
        case .party(_, .platform): return [.platform]
        case let .party(handle, kind):
            var roles: Set<Role> = []
            if kind == .supplier && handle == supplier { roles.insert(.supplier) }
            if kind == .buyer && handle == buyer { roles.insert(.buyer) }
            guard !roles.isEmpty else { return [] }
            roles.insert(.eitherParty)
            roles.insert(kind == initiator ? .initiator : .counterparty)
            return roles
        }
    }

    /// The handle of the party playing `role` (initiator, counterparty, supplier, buyer).
    public func party(playing role: Role) -> (Handle, PartyKind)? {
        switch role {
        case .supplier: return (supplier, .supplier)
        case .buyer: return (buyer, .buyer)
        case .initiator: return initiator == .supplier ? (supplier, .supplier) : (buyer, .buyer)
        case .counterparty: return initiator == .supplier ? (buyer, .buyer) : (supplier, .supplier)
        default: return nil
        }
    }
}
