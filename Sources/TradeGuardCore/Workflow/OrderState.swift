/// Where an order stands. Names follow the real service so its users recognise them.
public enum OrderState: String, Sendable, CaseIterable, Codable {
    case draft, awaitingConfirmation, awaitingPayment, advancePaid, inProduction, readyToShip
    case shipped, completed, closed, cancelled, disputed, refunded

    public var title: String {
        switch self {
        case .draft: return "Draft"
        case .awaitingConfirmation: return "Awaiting confirmation"
        case .awaitingPayment: return "Awaiting payment"
        case .advancePaid: return "Advance paid"
        case .inProduction: return "In production"
        case .readyToShip: return "Ready to ship"
        case .shipped: return "Shipped"
        case .completed: return "Completed"
        case .closed: return "Closed"
        case .cancelled: return "Cancelled"
        case .disputed: return "Disputed"
        case .refunded: return "Refunded"
        }
    }

    /// No action moves an order out of these.
    public var isTerminal: Bool { self == .closed || self == .cancelled || self == .refunded }

    /// States in which a confirmed order holds its reservation of the supplier's limit.
    public var holdsReservation: Bool {
        switch self {
        case .awaitingPayment, .advancePaid, .inProduction, .readyToShip, .shipped, .completed, .disputed: return true
        default: return false
        }
    }

    /// Whose move it is (nil: nobody — finished, or the clock runs).
    public var waitingOn: Role? {
        switch self {
        case .draft: return .initiator
        case .awaitingConfirmation: return .counterparty
        case .awaitingPayment, .shipped: return .buyer
        case .advancePaid, .inProduction, .readyToShip: return .supplier
        case .disputed: return .platform
        case .completed, .closed, .cancelled, .refunded: return nil
        }
    }
}
