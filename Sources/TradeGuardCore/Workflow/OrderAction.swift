/// Every action on an order, by the name the CLI (`tradeguard do ACTION`), the palette
/// (`order.ACTION`) and audit events use.
public enum OrderAction: String, Sendable, CaseIterable, Codable {
    case edit, submit, confirm
    case requestChanges = "request-changes"
    case cancel, pay
    case startProduction = "start-production"
    case logContact = "log-contact"
    case tick, untick, ready, ship
    case confirmReceipt = "confirm-receipt"
    case requestExtension = "request-extension"
    case acceptExtension = "accept-extension"
    case declineExtension = "decline-extension"
    case extendReceipt = "extend-receipt"
    case dispute, resolve
    case autoCancel = "auto-cancel"
    case autoComplete = "auto-complete"
    case close
    case proposeChange = "propose-change"
    case acceptChange = "accept-change"
    case rejectChange = "reject-change"
    // The negotiation of a dispute (issue 21): see Workflow+Disputes.
    case counter
    case askEvidence = "ask-evidence"
    case addEvidence = "add-evidence"
    case agree
    case editClaim = "edit-claim"
    case withdraw, escalate, decide
    case disputeTimeout = "dispute-timeout"
    /// The supplier records the refund an agreed or decided dispute made due.
    case recordRefund = "record-refund"
    /// The supplier claims the balance a buyer has not paid after confirming receipt.
    case claimBalance = "claim-balance"

    /// A short imperative title for menus and dialogs.
    public var title: String {
        switch self {
        case .edit: return "Edit draft"
        case .submit: return "Submit for confirmation"
        case .confirm: return "Confirm contract"
        case .requestChanges: return "Request changes"
        case .cancel: return "Cancel order"
        case .pay: return "Pay"
        case .startProduction: return "Start production"
        case .logContact: return "Log buyer contact"
        case .tick: return "Tick checklist item"
        case .untick: return "Untick checklist item"
        case .ready: return "Mark ready to ship"
        case .ship: return "Ship"
        case .confirmReceipt: return "Confirm receipt"
        case .requestExtension: return "Request shipping extension"
        case .acceptExtension: return "Accept extension"
        case .declineExtension: return "Decline extension"
        case .extendReceipt: return "Extend receipt window"
        case .dispute: return "Open dispute"
        case .resolve: return "Resolve dispute"
        case .autoCancel: return "Cancel on timeout"
        case .autoComplete: return "Complete on timeout"
        case .close: return "Close after protection window"
        case .proposeChange: return "Propose a change"
        case .acceptChange: return "Accept the change"
        case .rejectChange: return "Reject the change"
        case .counter: return "Counter-propose"
        case .askEvidence: return "Ask for evidence"
        case .addEvidence: return "Add evidence"
        case .agree: return "Agree to the proposal"
        case .editClaim: return "Edit the claim"
        case .withdraw: return "Withdraw the claim"
        case .escalate: return "Escalate to the platform"
        case .decide: return "Decide the dispute"
        case .disputeTimeout: return "Apply the default outcome"
        case .recordRefund: return "Record the refund paid"
        case .claimBalance: return "Claim the unpaid balance"
        }
    }
}

/// How a payment was made.
public enum PaymentMethod: String, Sendable, CaseIterable, Codable {
    case tt, card, bank

    public var title: String {
        switch self {
        case .tt: return "T/T"
        case .card: return "Card"
        case .bank: return "Online bank"
        }
    }
}

/// An action with its arguments: what a person (or the sweep) asks the workflow to do.
public enum OrderCommand: Hashable, Sendable {
    case edit(Contract)
    case submit
    case confirm
    case requestChanges(reason: String)
    case cancel(reason: String)
    case pay(amount: Money, method: PaymentMethod, key: IdempotencyKey)
    case startProduction
    case logContact(note: String)
    case tick(ChecklistItem, note: String)
    case untick(ChecklistItem, note: String)
    case ready
    case ship(carrier: String, tracking: String)
    case confirmReceipt
    case requestExtension(days: Int, reason: String)
    case acceptExtension
    case declineExtension
    case extendReceipt
    case dispute(reason: String, amount: Money?)
    case resolve(refund: Money)
    case autoCancel
    case autoComplete
    case close
    /// The complete contract as it would read, the new route's freight where a paid order
    /// changes its route, and why.
    case proposeChange(Contract, routeFreight: Money?, reason: String)
    /// Answers amendment `number` of the order.
    case acceptChange(number: Int)
    case rejectChange(number: Int, reason: String)
    /// A dispute opened with its kind and the remedy asked for (`dispute` is the older form,
    /// kept so old logs replay; both are the action `dispute`).
    case openDispute(kind: DisputeKind, remedy: RemedyKind, amount: Money?, reason: String)
    case counter(remedy: RemedyKind, amount: Money?, note: String)
    case askEvidence(note: String)
    case addEvidence(description: String, reference: String)
    case agree
    case editClaim(remedy: RemedyKind, amount: Money?, note: String)
    case withdraw(reason: String)
    case escalate(note: String)
    case decide(remedy: RemedyKind, amount: Money?, reasoning: String)
    case disputeTimeout
    /// The refund a dispute's outcome made due, paid: the transfer's reference.
    case recordRefund(reference: String)
    /// The supplier's claim for the balance unpaid after receipt, and why.
    case claimBalance(reason: String)

    public var action: OrderAction {
        switch self {
        case .edit: return .edit
        case .submit: return .submit
        case .confirm: return .confirm
        case .requestChanges: return .requestChanges
        case .cancel: return .cancel
        case .pay: return .pay
        case .startProduction: return .startProduction
        case .logContact: return .logContact
        case .tick: return .tick
        case .untick: return .untick
        case .ready: return .ready
        case .ship: return .ship
        case .confirmReceipt: return .confirmReceipt
        case .requestExtension: return .requestExtension
        case .acceptExtension: return .acceptExtension
        case .declineExtension: return .declineExtension
        case .extendReceipt: return .extendReceipt
        case .dispute: return .dispute
        case .resolve: return .resolve
        case .autoCancel: return .autoCancel
        case .autoComplete: return .autoComplete
        case .close: return .close
        case .proposeChange: return .proposeChange
        case .acceptChange: return .acceptChange
        case .rejectChange: return .rejectChange
        case .openDispute: return .dispute
        case .counter: return .counter
        case .askEvidence: return .askEvidence
        case .addEvidence: return .addEvidence
        case .agree: return .agree
        case .editClaim: return .editClaim
        case .withdraw: return .withdraw
        case .escalate: return .escalate
        case .decide: return .decide
        case .disputeTimeout: return .disputeTimeout
        case .recordRefund: return .recordRefund
        case .claimBalance: return .claimBalance
        }
    }
}
