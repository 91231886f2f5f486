import Foundation
import TradeGuardCore

/// One row of an order list: what a queue shows without loading the whole order.
public struct OrderListing: Equatable, Sendable {
    public let code: OrderCode
    public let state: OrderState
    public let version: Int
    public let initiator: PartyKind
    /// The parties' row ids. Their handles (`Store.handles(of:)`) are read only when asked
    /// for: a screen of rows needs the names, which the row carries, and reading every
    /// counterparty's handle would cost a page of the parties table per row on a cold start.
    public let supplierID: Int64
    public let buyerID: Int64
    public let supplierName: String
    public let buyerName: String
    public let kind: OrderKind
    public let total: Money
    public let paidAdvance: Money
    public let paidBalance: Money
    public let advance: Money
    /// USD value used for sorting (confirmed value, or the estimate before confirmation).
    public let sortTotalUSD: Int64
    public let totalUSD: Money?
    public let covered: Money?
    public let nextDeadline: Instant?
    public let nextDeadlineKind: DeadlineKind?
    public let waitingOn: PartyKind?
    public let payable: Bool
    let deadlineSort: Int64
    /// Read for the Pre-delivery and Deliveries queues only (`columns(for:)`), nil elsewhere:
    /// how much of the checklist is done, and the shipment's carrier and tracking number.
    public let checklistDone: Int?
    public let contactLogged: Bool?
    public let shipment: ShipmentLabel?
    /// Read for the platform's queues only (`DisputeQueue`): the open dispute and both positions.
    public private(set) var dispute: DisputeSummary?

    public var uncovered: Money? {
        guard let totalUSD, let covered else { return nil }
        return Money(minorUnits: totalUSD.minorUnits - covered.minorUnits, currency: .usd)
    }

    public var paid: Money { Money(minorUnits: paidAdvance.minorUnits + paidBalance.minorUnits, currency: total.currency) }

    /// The other party's name, seen from `side`.
    public func counterpartyName(from side: PartyKind) -> String { side == .supplier ? buyerName : supplierName }

    static let columns = """
        id, state, version, initiator, supplier_name, buyer_name, kind, currency, total, paid_advance, paid_balance, advance,
        sort_total_usd, total_usd, covered_usd, next_deadline, next_deadline_kind, waiting_on, payable, deadline_sort,
        supplier_id, buyer_id
        """

    static let baseColumnCount = 22

    /// The same columns named by table, for queries that join another table with an `id`.
    static let qualifiedColumns = columns.split(separator: ",")
        .map { "orders." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    /// A platform queue's row: the order's columns, then the dispute's from `i`.
    init(_ r: Statement, disputeAt i: Int) throws {
        try self.init(r)
        dispute = try DisputeSummary(r, at: i, currency: total.currency)
    }

    /// What the pre-delivery queues add: the ticked items, whether a contact is logged, when
    /// the advance came in, the shipment — each one index lookup by order id.
    static let progressColumns = """
        , (SELECT group_concat(item) FROM checklist_ticks t WHERE t.order_id = orders.id),
        EXISTS (SELECT 1 FROM contacts c WHERE c.order_id = orders.id), orders.advance_paid_at,
        (SELECT carrier FROM shipments s WHERE s.order_id = orders.id), (SELECT tracking FROM shipments s WHERE s.order_id = orders.id)
        """

    /// The columns a list of `scope` reads: the progress columns only where a queue shows them.
    static func columns(for scope: OrderScope) -> String {
        switch scope {
        case .queue(.predelivery), .queue(.deliveries): return columns + progressColumns
        default: return columns
        }
    }

    init(_ r: Statement) throws {
        guard let currency = Currency.named(r.text(7)) else { throw StoreError.corruptRow("unknown currency \(r.text(7))") }
        func money(_ i: Int) -> Money { Money(minorUnits: r.int(i), currency: currency) }
        code = OrderCode(number: r.int(0))
        state = try decode(OrderState.self, r.text(1))
        version = Int(r.int(2))
        initiator = try decode(PartyKind.self, r.text(3))
        supplierName = r.text(4)
        buyerName = r.text(5)
        kind = try decode(OrderKind.self, r.text(6))
        total = money(8)
        paidAdvance = money(9)
        paidBalance = money(10)
        advance = money(11)
        sortTotalUSD = r.int(12)
        totalUSD = r.optionalInt(13).map { Money(minorUnits: $0, currency: .usd) }
        covered = r.optionalInt(14).map { Money(minorUnits: $0, currency: .usd) }
        nextDeadline = r.optionalInt(15).map { Instant(secondsSinceEpoch: $0) }
        nextDeadlineKind = r.optionalText(16).flatMap(DeadlineKind.init)
        waitingOn = r.optionalText(17).flatMap(PartyKind.init)
        payable = r.int(18) == 1
        deadlineSort = r.int(19)
        supplierID = r.int(20)
        buyerID = r.int(21)
        if r.columnCount == Self.baseColumnCount + 5 {
            let ticked = Set((r.optionalText(22) ?? "").split(separator: ",").compactMap { ChecklistItem(rawValue: String($0)) })
            let contact = r.int(23) == 1
            let received = Order.advanceReceived(paidAt: r.optionalInt(24).map { Instant(secondsSinceEpoch: $0) },
                                                 outstanding: Money(minorUnits: advance.minorUnits - paidAdvance.minorUnits, currency: currency))
            checklistDone = ChecklistItem.done(ticked: ticked, contactLogged: contact, advanceReceived: received).count
            contactLogged = contact
            shipment = r.optionalText(25).map { ShipmentLabel(carrier: $0, tracking: r.optionalText(26) ?? "") }
        } else {
            checklistDone = nil
            contactLogged = nil
            shipment = nil
        }
    }
}

/// A shipment as a queue shows it.
public struct ShipmentLabel: Equatable, Sendable {
    public let carrier: String
    public let tracking: String
}

/// How a list is sorted. Every sort has its own index per side.
public enum OrderSort: String, Sendable, CaseIterable {
    case code, counterparty, total, state, deadline

    public var title: String {
        switch self {
        case .code: return "code"
        case .counterparty: return "counterparty"
        case .total: return "total"
        case .state: return "state"
        case .deadline: return "next deadline"
        }
    }
}

/// Which orders a list holds, seen from one side.
public enum OrderScope: Equatable, Sendable {
    /// Everything the party may see (not the other side's drafts).
    case all
    case queue(OrderQueue)
    /// Orders where the buyer can pay something now.
    case payable
    /// Orders whose next move belongs to this kind of party.
    case waitingOn(PartyKind)
    case state(OrderState)
    /// The platform's queues (side `.platform`): disputes of every party (`DisputeQueue`).
    case disputes(DisputeQueue)
}

/// Where a page starts: the sort key of the row before it (exclusive).
public struct PageKey: Equatable, Sendable {
    let values: [Value]
}

public enum PageDirection: Sendable {
    /// Rows after the key, in sort order.
    case forward
    /// Rows before the key, returned in sort order (nearest last).
    case backward
}
