/// The pre-delivery checklist: every item must be ticked before an order is ready to ship.
/// Keys are stable: the CLI, the database and audit events use them.
public enum ChecklistItem: String, Sendable, CaseIterable, Codable, Comparable {
    case contact, advance, quality, quantities, documents, export, incoterm, destination, shipdate, marks

    public var title: String {
        switch self {
        case .contact: return "Buyer contacted at least 7 days before expected delivery"
        case .advance: return "Advance received"
        case .quality: return "Quality checked per line (inspection report if required)"
        case .quantities: return "Quantities checked per line"
        case .documents: return "Invoice, packing list and bill of lading agree"
        case .export: return "Export declaration prepared"
        case .incoterm: return "Incoterm and freight consistent"
        case .destination: return "Destination confirmed"
        case .shipdate: return "Ship date within deadline or accepted extension"
        case .marks: return "Shipping marks and labels checked"
        }
    }

    public static func < (a: ChecklistItem, b: ChecklistItem) -> Bool { a.ordinal < b.ordinal }

    /// Hashed by position, not by the raw string: the checklist is a dictionary keyed by item,
    /// read on every workflow decision (and `check` replays every decision ever made).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// The position in `allCases`, without building the array.
    private var ordinal: Int {
        switch self {
        case .contact: 0
        case .advance: 1
        case .quality: 2
        case .quantities: 3
        case .documents: 4
        case .export: 5
        case .incoterm: 6
        case .destination: 7
        case .shipdate: 8
        case .marks: 9
        }
    }

    /// The minimum lead of the buyer contact before the expected delivery date.
    public static let contactLeadDays = 7

    /// The items done: those ticked, plus the two the order shows itself — the contact once
    /// one is logged (late or not), the advance once received in full. The one rule behind
    /// the detail, the queues' counts and `ready`.
    public static func done(ticked: Set<ChecklistItem>, contactLogged: Bool, advanceReceived: Bool) -> Set<ChecklistItem> {
        var done = ticked
        if contactLogged { done.insert(.contact) }
        if advanceReceived { done.insert(.advance) }
        return done
    }
}

/// Who ticked an item, when, and the evidence they gave.
public struct ChecklistTick: Hashable, Sendable {
    public let by: Handle
    public let at: Instant
    public let note: String

    public init(by: Handle, at: Instant, note: String) {
        self.by = by
        self.at = at
        self.note = note
    }
}

/// A logged contact with the buyer before delivery.
public struct ContactEntry: Hashable, Sendable {
    public let at: Instant
    public let by: Handle
    public let note: String

    public init(at: Instant, by: Handle, note: String) {
        self.at = at
        self.by = by
        self.note = note
    }
}
