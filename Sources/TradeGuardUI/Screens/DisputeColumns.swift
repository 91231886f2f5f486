import TradeGuardCore
import TradeGuardStore

/// The platform's queues as a table (issue 21): who is in dispute, over what, what each side
/// last proposed, and since when it waits for the platform (Escalated) or whose move it is and
/// by when (Disputes). Columns give way to the parties' names below 100 and 120 columns.
enum DisputeColumns {
    typealias Column = OrderTable.Column

    /// The columns of a platform queue, or nil for any other list.
    static func columns(for scope: OrderScope, width: Int) -> [Column]? {
        guard case let .disputes(queue) = scope else { return nil }
        let wide = width >= 120, medium = width >= 100
        var middle: [Column] = []
        switch queue {
        case .escalated:
            if medium { middle.append(Column(field: .disputeKind, title: "Kind", width: 13, alignRight: false)) }
            middle += [Column(field: .buyerPosition, title: "Buyer position", width: 17, alignRight: false),
                       Column(field: .supplierPosition, title: "Supplier position", width: 17, alignRight: false),
                       Column(field: .escalated, title: "Escalated", width: 10, alignRight: false)]
        case .open:
            if wide { middle.append(Column(field: .disputeKind, title: "Kind", width: 13, alignRight: false)) }
            middle.append(Column(field: .disputeMove, title: "Whose move", width: 10, alignRight: false))
            // Room for one position only: the claim itself, whichever side made it (a buyer's
            // position on the supplier's balance claim is always "-").
            middle += medium ? [Column(field: .buyerPosition, title: "Buyer position", width: 17, alignRight: false),
                                Column(field: .supplierPosition, title: "Supplier position", width: 17, alignRight: false)]
                             : [Column(field: .claimPosition, title: "Claim", width: 17, alignRight: false)]
            middle.append(Column(field: .disputeDue, title: "Due", width: 10, alignRight: false))
        }
        // The parties' names share what the others leave (one blank before each column, one at the start).
        let names = max(16, width - 1 - (middle.count + 3) - 10 - middle.reduce(0) { $0 + $1.width })
        return [Column(field: .code, title: "Code", width: 10, alignRight: false),
                Column(field: .supplier, title: "Supplier", width: names / 2, alignRight: false),
                Column(field: .buyer, title: "Buyer", width: names - names / 2, alignRight: false)] + middle
    }

    static func cell(_ field: Column.Field, _ row: OrderListing, now: Instant, time: TimeFormat) -> (String, Role) {
        let d = row.dispute
        switch field {
        case .supplier: return (row.supplierName, .normal)
        case .buyer: return (row.buyerName, .normal)
        case .disputeKind: return (d?.kind.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") } ?? "older form", .normal)
        case .disputeMove:
            // The older form has no stage: only the platform resolves it.
            switch d?.stage {
            case .awaitingSupplier?: return ("supplier", .normal)
            case .awaitingBuyer?: return ("buyer", .normal)
            case .awaitingEvidence?: return ("buyer (ev.)", .normal)
            case .escalated?, nil: return ("platform", .statusWarn)
            }
        case .buyerPosition: return position(d?.buyerPosition)
        case .supplierPosition: return position(d?.supplierPosition)
        case .claimPosition: return position((d?.kind?.claimant ?? .buyer) == .buyer ? d?.buyerPosition : d?.supplierPosition)
        case .escalated:
            guard let at = d?.escalatedAt else { return ("-", .muted) }
            // The day: the detail's history has the minute.
            return (time.date(at), .normal)
        case .disputeDue:
            guard let due = d?.due else { return ("-", .muted) }
            return TimeFormat.countdown(to: due, from: now)
        default:
            return ("", .normal)
        }
    }

    /// "partial US$216.00", "replace", "full ≈US$1.25m": the remedy in a word and its refund,
    /// shortened so the remedy is never the part cut off.
    static func position(_ remedy: Remedy?) -> (String, Role) {
        guard let remedy else { return ("-", .muted) }
        let word: String
        switch remedy.kind {
        case .fullRefund: word = "full"
        case .partialRefund: word = "partial"
        case .returnAndRefund: word = "return"
        case .replacement: word = "replace"
        case .payBalance: word = "pay balance"
        case .noRemedy: word = "none"
        }
        guard remedy.refund.isPositive else { return (word, .normal) }
        let full = "\(word) \(remedy.refund)"
        return (DisplayWidth.of(full) <= 17 ? full : "\(word) \(MoneyText.compact(remedy.refund))", .money)
    }
}
