/// A request from the supplier to ship later, which only the buyer can accept.
public struct ExtensionRequest: Hashable, Sendable {
    public let days: Int
    public let reason: String
    public let at: Instant

    public init(days: Int, reason: String, at: Instant) {
        self.days = days
        self.reason = reason
        self.at = at
    }
}

/// Where the goods went and how to track them.
public struct Shipment: Hashable, Sendable {
    public let carrier: String
    public let tracking: String
    public let at: Instant

    public init(carrier: String, tracking: String, at: Instant) {
        self.carrier = carrier
        self.tracking = tracking
        self.at = at
    }
}

/// A refund request that froze the order until the platform decides.
public struct Dispute: Hashable, Sendable {
    public let reason: String
    public let amount: Money
    public let openedAt: Instant
    /// The state the order returns to when the platform refunds nothing.
    public let fromState: OrderState
    /// The negotiation of a dispute opened with a kind and a remedy; nil for the older form,
    /// which only the platform resolves.
    public var negotiation: Negotiation?

    public init(reason: String, amount: Money, openedAt: Instant, fromState: OrderState, negotiation: Negotiation? = nil) {
        self.reason = reason
        self.amount = amount
        self.openedAt = openedAt
        self.fromState = fromState
        self.negotiation = negotiation
    }
}

/// How much of an order the supplier's limit protects, fixed at confirmation.
public struct Coverage: Hashable, Sendable {
    /// The order total converted to USD at `rate` (rounded down).
    public let totalUSD: Money
    /// min(totalUSD, available limit at confirmation): reserved on the supplier's limit.
    public let covered: Money
    /// totalUSD − covered: not protected.
    public let uncovered: Money
    public let rate: ExchangeRate

    public init(totalUSD: Money, covered: Money, rate: ExchangeRate) {
        self.totalUSD = totalUSD
        self.covered = covered
        self.uncovered = Money(minorUnits: totalUSD.minorUnits - covered.minorUnits, currency: .usd)
        self.rate = rate
    }

    /// What confirming now would cover: the split both parties see while drafting.
    public static func preview(total: Money, rate: ExchangeRate, available: Money) throws(RateError) -> Coverage {
        let usd = try rate.toUSD(total)
        let covered = min(usd.minorUnits, max(0, available.minorUnits))
        return Coverage(totalUSD: usd, covered: Money(minorUnits: covered, currency: .usd), rate: rate)
    }
}

/// One order: the contract plus everything that happened to it. A value: the workflow takes an
/// order and a command and returns the next order; the store persists it.
public struct Order: Hashable, Sendable {
    /// Every field, in one heap box that copies share until one of them changes (see OrderStorage).
    /// Unchecked Sendable: a box is changed only while one order holds it alone (makeUnique).
    nonisolated(unsafe) private var box: OrderStorage

    // `code` and `dispute` are stored here, not in the box: callers change one while reading
    // the other in a single statement (`order.dispute?.negotiation = load(order.code…)`), which
    // Swift allows for two stored properties but refuses as overlapping for computed ones.
    public var code: OrderCode
    public var supplier: Handle {
        get { box.fields.pointee.supplier }
        _modify { makeUnique(); yield &box.fields.pointee.supplier }
    }
    public var buyer: Handle {
        get { box.fields.pointee.buyer }
        _modify { makeUnique(); yield &box.fields.pointee.buyer }
    }
    /// Which side drafted the contract (`.supplier` or `.buyer`).
    public var initiator: PartyKind {
        get { box.fields.pointee.initiator }
        _modify { makeUnique(); yield &box.fields.pointee.initiator }
    }
    public var contract: Contract {
        get { box.fields.pointee.contract }
        _modify { makeUnique(); yield &box.fields.pointee.contract }
    }
    public var state: OrderState {
        get { box.fields.pointee.state }
        _modify { makeUnique(); yield &box.fields.pointee.state }
    }
    /// Bumped by every change; the store's optimistic-concurrency check.
    public var version: Int {
        get { box.fields.pointee.version }
        _modify { makeUnique(); yield &box.fields.pointee.version }
    }

    public var createdAt: Instant {
        get { box.fields.pointee.createdAt }
        _modify { makeUnique(); yield &box.fields.pointee.createdAt }
    }
    public var submittedAt: Instant? {
        get { box.fields.pointee.submittedAt }
        _modify { makeUnique(); yield &box.fields.pointee.submittedAt }
    }
    public var confirmedAt: Instant? {
        get { box.fields.pointee.confirmedAt }
        _modify { makeUnique(); yield &box.fields.pointee.confirmedAt }
    }
    public var advancePaidAt: Instant? {
        get { box.fields.pointee.advancePaidAt }
        _modify { makeUnique(); yield &box.fields.pointee.advancePaidAt }
    }
    public var balancePaidAt: Instant? {
        get { box.fields.pointee.balancePaidAt }
        _modify { makeUnique(); yield &box.fields.pointee.balancePaidAt }
    }
    public var productionStartedAt: Instant? {
        get { box.fields.pointee.productionStartedAt }
        _modify { makeUnique(); yield &box.fields.pointee.productionStartedAt }
    }
    public var readyAt: Instant? {
        get { box.fields.pointee.readyAt }
        _modify { makeUnique(); yield &box.fields.pointee.readyAt }
    }
    public var receivedAt: Instant? {
        get { box.fields.pointee.receivedAt }
        _modify { makeUnique(); yield &box.fields.pointee.receivedAt }
    }
    /// When it reached closed, cancelled or refunded.
    public var endedAt: Instant? {
        get { box.fields.pointee.endedAt }
        _modify { makeUnique(); yield &box.fields.pointee.endedAt }
    }

    public var coverage: Coverage? {
        get { box.fields.pointee.coverage }
        _modify { makeUnique(); yield &box.fields.pointee.coverage }
    }
    public var paymentLink: PaymentLinkToken? {
        get { box.fields.pointee.paymentLink }
        _modify { makeUnique(); yield &box.fields.pointee.paymentLink }
    }
    public var payments: [PaymentRecord] {
        get { box.fields.pointee.payments }
        _modify { makeUnique(); yield &box.fields.pointee.payments }
    }
    public var checklist: [ChecklistItem: ChecklistTick] {
        get { box.fields.pointee.checklist }
        _modify { makeUnique(); yield &box.fields.pointee.checklist }
    }
    public var contacts: [ContactEntry] {
        get { box.fields.pointee.contacts }
        _modify { makeUnique(); yield &box.fields.pointee.contacts }
    }
    public var shipment: Shipment? {
        get { box.fields.pointee.shipment }
        _modify { makeUnique(); yield &box.fields.pointee.shipment }
    }
    /// Shipping extension days the buyer accepted (≤ 90 in total).
    public var extensionDays: Int {
        get { box.fields.pointee.extensionDays }
        _modify { makeUnique(); yield &box.fields.pointee.extensionDays }
    }
    public var pendingExtension: ExtensionRequest? {
        get { box.fields.pointee.pendingExtension }
        _modify { makeUnique(); yield &box.fields.pointee.pendingExtension }
    }
    /// Shipping-extension requests the buyer answered, oldest first (the extension ledger).
    public var extensionHistory: [AnsweredExtension] {
        get { box.fields.pointee.extensionHistory }
        _modify { makeUnique(); yield &box.fields.pointee.extensionHistory }
    }
    /// Changes proposed after confirmation, oldest first, whatever became of them.
    public var amendments: [Amendment] {
        get { box.fields.pointee.amendments }
        _modify { makeUnique(); yield &box.fields.pointee.amendments }
    }
    /// Parties that used their one 15-day extension of the receipt window.
    public var receiptExtendedBy: Set<PartyKind> {
        get { box.fields.pointee.receiptExtendedBy }
        _modify { makeUnique(); yield &box.fields.pointee.receiptExtendedBy }
    }
    public var dispute: Dispute?
    /// How the last negotiated dispute ended (its refund deadline, its points).
    public var disputeOutcome: DisputeOutcome? {
        get { box.fields.pointee.disputeOutcome }
        _modify { makeUnique(); yield &box.fields.pointee.disputeOutcome }
    }
    public var refunded: Money? {
        get { box.fields.pointee.refunded }
        _modify { makeUnique(); yield &box.fields.pointee.refunded }
    }
    /// Days of protection after receipt: fixed at receipt by the buyer's tier (30 or 60).
    public var protectionDays: Int {
        get { box.fields.pointee.protectionDays }
        _modify { makeUnique(); yield &box.fields.pointee.protectionDays }
    }
    /// The last reason given for requesting changes or cancelling.
    public var lastReason: String? {
        get { box.fields.pointee.lastReason }
        _modify { makeUnique(); yield &box.fields.pointee.lastReason }
    }

    public init(code: OrderCode, supplier: Handle, buyer: Handle, initiator: PartyKind, contract: Contract, createdAt: Instant) {
        self.code = code
        box = OrderStorage.make(OrderFields(supplier: supplier, buyer: buyer, initiator: initiator, contract: contract,
                                            createdAt: createdAt))
    }

    /// Before a change: a box shared with another copy is copied first, so that copy keeps its values.
    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = OrderStorage.make(box.fields.pointee) }
    }

    public static func == (lhs: Order, rhs: Order) -> Bool {
        lhs.code == rhs.code && lhs.dispute == rhs.dispute && (lhs.box === rhs.box || lhs.box.fields.pointee == rhs.box.fields.pointee)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(dispute)
        box.fields.pointee.hash(into: &hasher)
    }

    // MARK: Money

    public var currency: Currency { contract.currency }

    /// The contract total; a stored order always has one that fits (checked on every edit).
    public var total: Money { (try? contract.total()) ?? .zero(currency) }
    public var advanceAmount: Money { contract.advance }
    /// total − advance; never negative (a draft may briefly hold an advance above its total,
    /// which submit refuses).
    public var balanceAmount: Money { Money(minorUnits: max(0, total.minorUnits - advanceAmount.minorUnits), currency: currency) }

    public func paid(_ term: PaymentTerm) -> Money {
        Money(minorUnits: payments.filter { $0.term == term }.reduce(0) { $0 + $1.amount.minorUnits }, currency: currency)
    }

    public var paidTotal: Money { Money(minorUnits: paid(.advance).minorUnits + paid(.balance).minorUnits, currency: currency) }

    public func outstanding(_ term: PaymentTerm) -> Money {
        let due = term == .advance ? advanceAmount : balanceAmount
        return Money(minorUnits: max(0, due.minorUnits - paid(term).minorUnits), currency: currency)
    }

    /// The term the buyer can pay now and how much of it is due, or nil when nothing is payable.
    public var payableNow: (term: PaymentTerm, due: Money)? {
        switch state {
        case .awaitingPayment:
            return (.advance, outstanding(.advance))
        case .advancePaid, .inProduction, .readyToShip:
            let due = outstanding(.balance)
            return due.isPositive ? (.balance, due) : nil
        case .shipped, .completed:
            let due = outstanding(.balance)
            return due.isPositive && contract.balanceDue == .afterShipment ? (.balance, due) : nil
        default:
            return nil
        }
    }

    /// The balance is settled, or the terms let it wait until after shipment.
    public var balanceSettledForShipping: Bool {
        contract.balanceDue == .afterShipment || outstanding(.balance).isZero
    }

    // MARK: Checklist

    /// Items neither ticked nor shown done by the order itself.
    public var missingChecklistItems: [ChecklistItem] {
        let done = ChecklistItem.done(ticked: Set(checklist.keys), contactLogged: !contacts.isEmpty, advanceReceived: advanceReceived)
        return ChecklistItem.allCases.filter { !done.contains($0) }
    }

    /// The advance is in, in full: its checklist item's evidence.
    public var advanceReceived: Bool { Self.advanceReceived(paidAt: advancePaidAt, outstanding: outstanding(.advance)) }

    /// The same from a queue row's columns.
    public static func advanceReceived(paidAt: Instant?, outstanding: Money) -> Bool { paidAt != nil && outstanding.minorUnits <= 0 }

    /// Why `item` is done, if it is: a tick with its evidence, or — for the two items the
    /// order records itself — the logged buyer contact or the received advance. Logging the
    /// contact and receiving the advance are the evidence; asking for a second tick of the
    /// same fact made people do the work twice (issue 19).
    ///
    /// A contact logged after its last day still counts: the contact happened, and the
    /// deadline it missed stays on the record as missed ("late"). Before, such an order could
    /// never be ticked complete, so it could never ship — punishing the buyer waiting for the
    /// goods for the supplier's lateness.
    public func checklistDone(_ item: ChecklistItem) -> ChecklistEvidence? {
        if let tick = checklist[item] { return .ticked(tick) }
        switch item {
        case .contact:
            let inTime = lastContactDate.flatMap { last in contacts.first { $0.at.utcDate <= last } }
            if let contact = inTime ?? contacts.first { return .contactLogged(contact, late: inTime == nil) }
        case .advance:
            if advanceReceived, let at = advancePaidAt { return .advanceReceived(at: at) }
        default:
            break
        }
        return nil
    }
}

/// What shows a checklist item done.
public enum ChecklistEvidence: Equatable, Sendable {
    case ticked(ChecklistTick)
    case contactLogged(ContactEntry, late: Bool)
    case advanceReceived(at: Instant)

    /// Who or what, and when: "acme 2026-12-01 09:30", "contact logged by acme", "advance received".
    public var by: String? {
        switch self {
        case let .ticked(tick): return tick.by.value
        case let .contactLogged(contact, _): return contact.by.value
        case .advanceReceived: return nil
        }
    }

    public var at: Instant {
        switch self {
        case let .ticked(tick): return tick.at
        case let .contactLogged(contact, _): return contact.at
        case let .advanceReceived(at): return at
        }
    }

    /// The evidence in words, for a checklist line.
    public var note: String {
        switch self {
        case let .ticked(tick): return tick.note
        case let .contactLogged(_, late): return late ? "contact logged, late (after its last day)" : "contact logged"
        case .advanceReceived: return "advance received in full"
        }
    }

    public var isTick: Bool { if case .ticked = self { return true } else { return false } }
}
