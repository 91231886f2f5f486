/// Order's stored values, all but its code and dispute (see Order): `Order` keeps them in one heap box (OrderStorage), so a
/// copy of an order — the workflow's `before` and `after`, replay's order per event — is one
/// retain instead of a retain per string, array and contract field. Equality and hashing are
/// these fields', in this order, as Order's synthesized ones were.
struct OrderFields: Hashable, Sendable {
    var supplier: Handle
    var buyer: Handle
    var initiator: PartyKind
    var contract: Contract
    var state: OrderState
    var version: Int
    var createdAt: Instant
    var submittedAt: Instant?
    var confirmedAt: Instant?
    var advancePaidAt: Instant?
    var balancePaidAt: Instant?
    var productionStartedAt: Instant?
    var readyAt: Instant?
    var receivedAt: Instant?
    var endedAt: Instant?
    var coverage: Coverage?
    var paymentLink: PaymentLinkToken?
    var payments: [PaymentRecord]
    var checklist: [ChecklistItem: ChecklistTick]
    var contacts: [ContactEntry]
    var shipment: Shipment?
    var extensionDays: Int
    var pendingExtension: ExtensionRequest?
    var extensionHistory: [AnsweredExtension]
    var amendments: [Amendment]
    var receiptExtendedBy: Set<PartyKind>
    var disputeOutcome: DisputeOutcome?
    var refunded: Money?
    var protectionDays: Int
    var lastReason: String?

    init(supplier: Handle, buyer: Handle, initiator: PartyKind, contract: Contract, createdAt: Instant) {
        self.supplier = supplier
        self.buyer = buyer
        self.initiator = initiator
        self.contract = contract
        self.state = .draft
        self.version = 1
        self.createdAt = createdAt
        self.payments = []
        self.checklist = [:]
        self.contacts = []
        self.extensionDays = 0
        self.extensionHistory = []
        self.amendments = []
        self.receiptExtendedBy = []
        self.protectionDays = DeadlineRules.protectionDays
    }
}

/// The copy-on-write box of an order's fields. A ManagedBuffer, its fields reached through a
/// pointer: a class's stored `var` (ManagedBuffer's `header` too) is checked for exclusive
/// access at run time on every read and write, and orders are read field by field all the time.
/// A box is only ever changed while one order holds it alone (Order.makeUnique), never while
/// shared: that is why Order may be Sendable with it.
final class OrderStorage: ManagedBuffer<OrderFields, Void> {
    static func make(_ fields: OrderFields) -> OrderStorage {
        unsafeDowncast(OrderStorage.create(minimumCapacity: 0) { _ in fields }, to: OrderStorage.self)
    }

    /// Valid while the box lives: the Order reading or changing a field holds it.
    var fields: UnsafeMutablePointer<OrderFields> { withUnsafeMutablePointerToHeader { $0 } }
}
