import TradeGuardCore
import TradeGuardStore

/// The order queue: a header and only the visible rows. Columns adapt to the width; status is
/// always a word (colour only reinforces it).
enum OrderTable {
    struct Column {
        enum Field {
            case code, counterparty, state, move, total, covered, deadline, paid, outstanding, checklist, tracking
            /// The platform's queues (DisputeColumns).
            case supplier, buyer, disputeKind, disputeMove, buyerPosition, supplierPosition, claimPosition, escalated, disputeDue
        }
        let field: Field
        let title: String
        let width: Int
        let alignRight: Bool
    }

    /// The Payments tab shows money: what is paid and what is outstanding now.
    static func paymentColumns(width: Int, side: PartyKind) -> [Column] {
        let fixed = 10 + 16 + 16 + 20 + 5 + 1
        return [Column(field: .code, title: "Code", width: 10, alignRight: false),
                Column(field: .counterparty, title: side == .supplier ? "Buyer" : "Supplier", width: max(10, width - fixed), alignRight: false),
                Column(field: .paid, title: "Paid", width: 16, alignRight: true),
                Column(field: .outstanding, title: "Due now", width: 16, alignRight: true),
                Column(field: .deadline, title: "Next deadline", width: 20, alignRight: false)]
    }

    /// The Confirmations tab says whose move each contract waits on, where other queues show
    /// the state (every row there is awaiting confirmation).
    static func confirmationColumns(width: Int, side: PartyKind) -> [Column] {
        columns(width: width, side: side).map { column in
            column.field == .state ? Column(field: .move, title: "Whose move", width: column.width, alignRight: false) : column
        }
    }

    /// Pre-delivery shows how far each checklist is, Deliveries where each shipment is: the
    /// question each queue answers. Below 100 columns the total makes room (the detail has it).
    static func progressColumns(width: Int, side: PartyKind, field: Column.Field) -> [Column] {
        let extra = field == .checklist ? Column(field: .checklist, title: "Checklist", width: 9, alignRight: false)
                                        : Column(field: .tracking, title: "Tracking", width: 20, alignRight: false)
        let narrow = width < 100
        var base = columns(width: width, side: side).filter { !(narrow && $0.field == .total) }
        base.insert(extra, at: (base.firstIndex { $0.field == .state } ?? 1) + 1)
        // The counterparty takes what the others leave, as in every queue.
        let others = base.filter { $0.field != .counterparty }.reduce(0) { $0 + $1.width + 1 } + 2
        base = base.map { $0.field == .counterparty ? Column(field: .counterparty, title: $0.title, width: max(10, width - others), alignRight: false) : $0 }
        return base
    }

    static func columns(width: Int, side: PartyKind) -> [Column] {
        let wide = width >= 110
        let fixed = 10 + 16 + 16 + 20 + (wide ? 15 + 1 : 0) + 5 + 1
        return [Column(field: .code, title: "Code", width: 10, alignRight: false),
                Column(field: .counterparty, title: side == .supplier ? "Buyer" : "Supplier", width: max(10, width - fixed), alignRight: false),
                Column(field: .state, title: "State", width: 16, alignRight: false),
                Column(field: .total, title: "Total", width: 16, alignRight: true)]
            + (wide ? [Column(field: .covered, title: "Covered (USD)", width: 15, alignRight: true)] : [])
            + [Column(field: .deadline, title: "Next deadline", width: 20, alignRight: false)]
    }

    static func draw(_ canvas: inout Canvas, _ list: OrderListModel, side: PartyKind, time: TimeFormat, now: Instant, top: Int, height: Int,
                     emptyMessage: String = "No orders here yet.", clearKey: String) {
        let columns = DisputeColumns.columns(for: list.scope, width: canvas.cols)
            ?? (list.scope == .payable ? paymentColumns(width: canvas.cols, side: side)
                : list.scope == .queue(.confirmations) ? confirmationColumns(width: canvas.cols, side: side)
                : list.scope == .queue(.predelivery) ? progressColumns(width: canvas.cols, side: side, field: .checklist)
                : list.scope == .queue(.deliveries) ? progressColumns(width: canvas.cols, side: side, field: .tracking)
                : columns(width: canvas.cols, side: side))
        var col = 1
        for column in columns {
            canvas.put(DisplayWidth.pad(column.title, to: column.width, alignRight: column.alignRight), row: top, col: col, role: .header)
            col += column.width + 1
        }
        guard list.total > 0 else {
            let message = list.filter.isEmpty ? emptyMessage : "Nothing matches '\(list.filter)'. \(clearKey) clears the filter."
            canvas.put(message, row: top + 2, col: 3, role: .muted)
            return
        }
        let layout = FormattedRows.Layout(columns: columns.map(\.width), width: canvas.cols, side: side, now: now)
        for line in 0..<max(0, height - 1) {
            let index = list.top + line
            guard index < list.total, let key = list.key(at: index) else { break }
            let selected = index == list.selected
            let y = top + 1 + line
            let cells = list.formattedRows.line(code: key.code, version: key.version, layout: layout) {
                list.row(at: index).map { render($0, columns: columns, side: side, now: now, time: time, width: canvas.cols) } ?? []
            }
            // The selected row is the same line in the selection's colours, edge to edge.
            canvas.setRow(y, to: cells, role: selected ? .selected : nil)
            if selected { canvas.cursor = (y, 0) }
        }
    }

    /// One queue row as a screen line: each column's text padded (or cut) to its width, in the
    /// column's role, padding included; blank in between.
    static func render(_ row: OrderListing, columns: [Column], side: PartyKind, now: Instant, time: TimeFormat = .utc, width: Int) -> [Cell] {
        var line = Canvas(rows: 1, cols: width)
        var x = 1
        for column in columns {
            let (text, role) = cell(column.field, row, side: side, now: now, time: time)
            var shown = text
            var shownWidth = DisplayWidth.of(text)
            if shownWidth > column.width {
                // A number is never cut: an amount too wide for its column is abbreviated
                // (≈US$1.25bn); the detail shows it exact. Other text is cut with "…".
                if let (money, suffix) = amount(column.field, row) {
                    shown = MoneyText.compact(money) + suffix
                } else {
                    shown = DisplayWidth.truncate(text, to: column.width)
                }
                shownWidth = DisplayWidth.of(shown)
            }
            line.fill(row: 0, col: x, height: 1, width: column.width, role: role)
            line.put(shown, row: 0, col: column.alignRight ? x + column.width - shownWidth : x, role: role)
            x += column.width + 1
        }
        return line.cells
    }

    static func cell(_ field: Column.Field, _ row: OrderListing, side: PartyKind, now: Instant, time: TimeFormat = .utc) -> (String, Role) {
        switch field {
        case .code: return (row.code.text, .normal)
        case .counterparty: return (row.counterpartyName(from: side), .normal)
        case .state: return Words.state(row.state)
        case .move:
            // From the order's waiting-on state: a word, with colour only to reinforce it.
            guard let kind = row.waitingOn else { return ("nobody", .muted) }
            if kind == side { return ("you", .statusWarn) }
            return (kind == .platform ? "the platform" : "the \(kind.rawValue)", .muted)
        case .total: return (row.total.description, amountRole(row, live: .money))
        case .covered:
            guard let covered = row.covered else { return ("-", .muted) }
            return (covered.description, amountRole(row, live: row.uncovered?.isPositive == true ? .moneyUncovered : .money))
        case .paid: return (row.paid.description, amountRole(row, live: .money))
        case .outstanding:
            let (due, suffix) = outstanding(row)
            return (due.description + suffix, amountRole(row, live: due.isPositive ? .statusWarn : .money))
        case .checklist:
            guard let done = row.checklistDone else { return ("", .muted) }
            let all = ChecklistItem.allCases.count
            return ("\(done)/\(all)", done == all ? .statusOK : .normal)
        case .tracking:
            guard let shipment = row.shipment else { return ("not shipped", .muted) }
            return ("\(shipment.carrier) \(shipment.tracking)", .normal)
        case .supplier, .buyer, .disputeKind, .disputeMove, .buyerPosition, .supplierPosition, .claimPosition, .escalated, .disputeDue:
            return DisputeColumns.cell(field, row, now: now, time: time)
        case .deadline:
            guard let due = row.nextDeadline, let kind = row.nextDeadlineKind else { return ("", .normal) }
            if kind == .protection, now >= due { return ("protection over", .muted) }
            let (countdown, role) = TimeFormat.countdown(to: due, from: now)
            return ("\(shortName(kind)) \(countdown)", role)
        }
    }

    /// What is due now: the advance while it is not complete, then the balance.
    static func outstanding(_ row: OrderListing) -> (Money, String) {
        let advanceLeft = row.advance.minorUnits - row.paidAdvance.minorUnits
        let due = row.state == .awaitingPayment ? advanceLeft : row.total.minorUnits - row.advance.minorUnits - row.paidBalance.minorUnits
        return (Money(minorUnits: max(0, due), currency: row.total.currency), row.state == .awaitingPayment ? " adv" : " bal")
    }

    /// The amount a money column shows, and what follows it; nil for other columns.
    static func amount(_ field: Column.Field, _ row: OrderListing) -> (Money, String)? {
        switch field {
        case .total: return (row.total, "")
        case .covered: return row.covered.map { ($0, "") }
        case .paid: return (row.paid, "")
        case .outstanding: return outstanding(row)
        case .code, .counterparty, .state, .move, .deadline, .checklist, .tracking: return nil
        case .supplier, .buyer, .disputeKind, .disputeMove, .buyerPosition, .supplierPosition, .claimPosition, .escalated, .disputeDue: return nil
        }
    }

    /// A finished order (closed, cancelled, refunded) is history: its amounts recede like its
    /// state, and an uncovered part no longer warns, since nothing is at risk any more. Live
    /// orders keep their colours, so they stand out in a queue that is mostly history.
    static func amountRole(_ row: OrderListing, live: Role) -> Role {
        row.state.isTerminal ? .muted : live
    }

    static func shortName(_ kind: DeadlineKind) -> String {
        switch kind {
        case .confirmation: return "confirm"
        case .payment: return "pay"
        case .contact: return "contact"
        case .shipping: return "ship"
        case .receipt: return "receipt"
        case .protection: return "protected"
        case .disputeAnswer: return "answer"
        case .refund: return "refund"
        }
    }
}

enum PickerScreen {
    static func draw(_ canvas: inout Canvas, _ picker: PickerModel, top: Int, height: Int) {
        // The handle is what --as and party.switch take: shown beside the name.
        let handleWidth = min(24, max(6, picker.parties.map { $0.handle.value.count }.max() ?? 6))
        let nameWidth = max(16, canvas.cols - 33 - handleWidth)      // the rest: role, land and a limit of 15
        let header = " " + DisplayWidth.pad("Role", to: 8) + " " + DisplayWidth.pad("Name", to: nameWidth) + " "
            + DisplayWidth.pad("Handle", to: handleWidth) + " " + DisplayWidth.pad("Land", to: 4) + " Limit available"
        canvas.put(header, row: top, col: 0, role: .header)
        let first = max(0, picker.selected - (height - 2))
        for (line, index) in (first..<picker.parties.count).prefix(max(0, height - 1)).enumerated() {
            let record = picker.parties[index]
            let y = top + 1 + line
            let selected = index == picker.selected
            if selected {
                canvas.fill(row: y, col: 0, height: 1, width: canvas.cols, role: .selected)
                canvas.cursor = (y, 0)
            }
            let role: Role = selected ? .selected : .normal
            var x = canvas.put(" " + DisplayWidth.pad(Words.side(record.party.kind), to: 8) + " ", row: y, col: 0, role: role)
            // The platform is no trading party: what choosing it is for says more than its name.
            let label = "Platform — decides escalated disputes"
            let name = record.party.kind != .platform ? record.name
                : DisplayWidth.of(label) <= nameWidth ? label : "Decides escalated disputes"   // its role says "Platform"
            x = canvas.put(DisplayWidth.pad(name, to: nameWidth) + " ", row: y, col: x, role: role)
            x = canvas.put(DisplayWidth.pad(record.handle.value, to: handleWidth) + " ", row: y, col: x, role: selected ? .selected : .muted)
            x = canvas.put(DisplayWidth.pad(record.party.country, to: 4) + " ", row: y, col: x, role: role)
            if record.party.kind == .supplier {
                let status = record.party.isSuspended ? "suspended" : record.party.activation.isActive ? record.position.available.description : "not activated"
                canvas.put(status, row: y, col: x, role: selected ? .selected : record.party.isSuspended ? .statusDanger : .money)
            }
        }
    }
}
