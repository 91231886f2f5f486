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

/// A set of roles as bits: asked for every command on every frame (the hint bar) and for every
/// decision of the seeder, where a hashed `Set` cost more than the decision itself.
public struct Roles: Equatable, Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt8 = 0

    public init(arrayLiteral roles: Role...) { for role in roles { insert(role) } }

    private static func bit(_ role: Role) -> UInt8 {
        switch role {
        case .initiator: 1
        case .counterparty: 2
        case .supplier: 4
        case .buyer: 8
        case .eitherParty: 16
        case .platform: 32
        case .system: 64
        }
    }

    public var isEmpty: Bool { bits == 0 }
    public func contains(_ role: Role) -> Bool { bits & Self.bit(role) != 0 }
    public mutating func insert(_ role: Role) { bits |= Self.bit(role) }
}

extension Order {
    /// The role `actor` plays on this order, if any. Strangers play none.
    public func roles(of actor: Actor) -> Roles {
        Order.roles(of: actor, supplier: supplier, buyer: buyer, initiator: initiator)
    }

    /// The same, from an order's parties alone (lists know these without loading the order).
    public static func roles(of actor: Actor, supplier: Handle, buyer: Handle, initiator: PartyKind) -> Roles {
        switch actor {
        case .system: return [.system]
        case .party(_, .platform): return [.platform]
        case let .party(handle, kind):
            var roles: Roles = []
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
