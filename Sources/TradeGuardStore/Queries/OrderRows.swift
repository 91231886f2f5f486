import TradeGuardCore

/// Reads and writes whole orders: the `orders` row and its child rows. Loading returns exactly
/// the value that was saved (a test round-trips every state), so the workflow always decides on
/// what is really stored.
struct OrderRows {
    let db: Database
    let parties: PartyDirectory

    static let columns = """
        o.id, s.handle, b.handle, o.initiator, o.state, o.version, o.kind, o.currency, o.incoterm, o.named_place,
        o.shipping_method, o.ship_rule, o.ship_value, o.expected_delivery, o.destination, o.freight, o.insurance,
        o.advance, o.balance_due, o.remarks, o.created_at, o.submitted_at, o.confirmed_at, o.advance_paid_at,
        o.balance_paid_at, o.production_started_at, o.ready_at, o.received_at, o.ended_at, o.total_usd,
        o.covered_usd, o.rate_micros, o.rate_effective, o.extension_days, o.receipt_extended_supplier,
        o.receipt_extended_buyer, o.refunded, o.last_reason, o.protection_days, o.guaranteed_date
        """

    // MARK: Loading

    func load(_ code: OrderCode) throws -> Order? {
        let statement = try db.cachedStatement("""
            SELECT \(Self.columns) FROM orders o
            JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            WHERE o.id = ?
            """)
        try statement.bind([.int(code.number)])
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        var order = try decodeRow(statement)
        statement.reset()
        try loadChildren(&order)
        return order
    }

    func decodeRow(_ r: Statement) throws -> Order {
        let code = OrderCode(number: r.int(0))
        let supplier = try Handle(r.text(1))
        let buyer = try Handle(r.text(2))
        guard let currency = Currency.named(r.text(7)) else { throw StoreError.corruptRow("order \(code): unknown currency \(r.text(7))") }
        func money(_ i: Int) -> Money { Money(minorUnits: r.int(i), currency: currency) }
        func instant(_ i: Int) -> Instant? { r.optionalInt(i).map { Instant(secondsSinceEpoch: $0) } }
        func day(_ i: Int) -> CalendarDate? { r.optionalInt(i).map { CalendarDate(daysSinceEpoch: Int($0)) } }
        let shipRule: ShipDateRule
        switch r.text(11) {
        case "fixed": shipRule = .fixed(CalendarDate(daysSinceEpoch: Int(r.int(12))))
        case "afterAdvance": shipRule = .daysAfterAdvance(Int(r.int(12)))
        default: shipRule = .daysAfterBalance(Int(r.int(12)))
        }
        let contract = Contract(
            kind: try decode(OrderKind.self, r.text(6)), currency: currency, lines: [],
            incoterm: try decode(Incoterm.self, r.text(8)), namedPlace: r.text(9),
            shippingMethod: try decode(ShippingMethod.self, r.text(10)), shipDate: shipRule, expectedDelivery: day(13),
            destination: r.text(14), freight: money(15), insurance: money(16), advance: money(17),
            balanceDue: try decode(BalanceDue.self, r.text(18)), remarks: r.text(19), guaranteedDate: r.int(39) == 1)
        var order = Order(code: code, supplier: supplier, buyer: buyer, initiator: try decode(PartyKind.self, r.text(3)),
                          contract: contract, createdAt: instant(20)!)
        order.state = try decode(OrderState.self, r.text(4))
        order.version = Int(r.int(5))
        order.submittedAt = instant(21)
        order.confirmedAt = instant(22)
        order.advancePaidAt = instant(23)
        order.balancePaidAt = instant(24)
        order.productionStartedAt = instant(25)
        order.readyAt = instant(26)
        order.receivedAt = instant(27)
        order.endedAt = instant(28)
        if let totalUSD = r.optionalInt(29), let covered = r.optionalInt(30), let micros = r.optionalInt(31), let effective = day(32) {
            let rate = try ExchangeRate(currency: currency, microUnitsPerUSD: micros, effective: effective)
            order.coverage = Coverage(totalUSD: Money(minorUnits: totalUSD, currency: .usd),
                                      covered: Money(minorUnits: covered, currency: .usd), rate: rate)
        }
        order.extensionDays = Int(r.int(33))
        if r.int(34) == 1 { order.receiptExtendedBy.insert(.supplier) }
        if r.int(35) == 1 { order.receiptExtendedBy.insert(.buyer) }
        order.refunded = r.optionalInt(36).map { Money(minorUnits: $0, currency: currency) }
        order.lastReason = r.optionalText(37)
        order.protectionDays = Int(r.int(38))
        return order
    }

    private func loadChildren(_ order: inout Order) throws {
        let id = Value.int(order.code.number)
        let currency = order.currency
        order.contract.lines = try db.query("""
            SELECT description, quantity_milli, unit, unit_price, quality, inspection FROM order_lines
            WHERE order_id = ? ORDER BY line_no
            """, [id]) { r in
            LineItem(description: r.text(0), quantity: Quantity(thousandths: r.int(1)), unit: r.text(2),
                     unitPrice: Money(minorUnits: r.int(3), currency: currency), quality: r.text(4), inspectionRequired: r.int(5) == 1)
        }
        order.paymentLink = try db.query("SELECT token FROM payment_links WHERE order_id = ?", [id]) { PaymentLinkToken($0.text(0)) }.first ?? nil
        order.payments = try db.query("""
            SELECT idempotency_key, term, amount, method, at FROM payments WHERE order_id = ? ORDER BY id
            """, [id]) { r in
            PaymentRecord(key: try IdempotencyKey(r.text(0)), term: try decode(PaymentTerm.self, r.text(1)),
                          amount: Money(minorUnits: r.int(2), currency: currency), method: try decode(PaymentMethod.self, r.text(3)),
                          at: Instant(secondsSinceEpoch: r.int(4)))
        }
        for (item, tick) in try db.query("SELECT item, by_party, at, note FROM checklist_ticks WHERE order_id = ?", [id], row: { r in
            (try decode(ChecklistItem.self, r.text(0)), ChecklistTick(by: try Handle(r.text(1)), at: Instant(secondsSinceEpoch: r.int(2)), note: r.text(3)))
        }) { order.checklist[item] = tick }
        order.contacts = try db.query("SELECT at, by_party, note FROM contacts WHERE order_id = ? ORDER BY id", [id]) { r in
            ContactEntry(at: Instant(secondsSinceEpoch: r.int(0)), by: try Handle(r.text(1)), note: r.text(2))
        }
        order.shipment = try db.query("SELECT carrier, tracking, at FROM shipments WHERE order_id = ?", [id]) { r in
            Shipment(carrier: r.text(0), tracking: r.text(1), at: Instant(secondsSinceEpoch: r.int(2)))
        }.first
        // Every request: the answered ones are the extension ledger, the open one is pending.
        for (request, answer, answeredAt) in try db.query("""
            SELECT days, reason, requested_at, answer, answered_at FROM extension_requests WHERE order_id = ? ORDER BY id
            """, [id], row: { r in
                (ExtensionRequest(days: Int(r.int(0)), reason: r.text(1), at: Instant(secondsSinceEpoch: r.int(2))), r.optionalText(3), r.optionalInt(4))
            }) {
            if let answer {
                order.extensionHistory.append(AnsweredExtension(request: request, accepted: answer == "accepted",
                                                                answeredAt: Instant(secondsSinceEpoch: answeredAt ?? 0)))
            } else {
                order.pendingExtension = request
            }
        }
        order.amendments = try AmendmentRows(db: db).load(order.code, currency: currency)
        order.dispute = try db.query("""
            SELECT reason, amount, opened_at, from_state FROM disputes WHERE order_id = ? AND resolved_at IS NULL
            """, [id]) { r in
            Dispute(reason: r.text(0), amount: Money(minorUnits: r.int(1), currency: currency),
                    openedAt: Instant(secondsSinceEpoch: r.int(2)), fromState: try decode(OrderState.self, r.text(3)))
        }.first
        let disputes = DisputeRows(db: db)
        if order.dispute != nil { order.dispute?.negotiation = try disputes.loadNegotiation(order: order.code.number, currency: currency) }
        order.disputeOutcome = try disputes.loadOutcome(order: order.code.number, currency: currency)
    }

    // MARK: Saving

    /// Inserts a new order (a fresh draft) with its lines and search row.
    func insert(_ order: Order, estimateUSD: Int64) throws {
        let supplier = try parties.require(order.supplier)
        let buyer = try parties.require(order.buyer)
        let values = Self.rowValues(order, estimateUSD: estimateUSD)
        try db.run("""
            INSERT INTO orders (id, supplier_id, buyer_id, supplier_name, buyer_name, \(Self.writableColumns.joined(separator: ", ")))
            VALUES (?, ?, ?, ?, ?, \(Array(repeating: "?", count: Self.writableColumns.count).joined(separator: ", ")))
            """, [.int(order.code.number), .int(supplier.id), .int(buyer.id), .text(supplier.name), .text(buyer.name)] + values)
        try writeLines(order)
        try adjustCount(order, by: 1, ids: (supplier.id, buyer.id))
        try writeSearchRow(order, supplierName: supplier.name, buyerName: buyer.name)
    }

    /// Writes `after` over `before`, refusing if someone else changed the row meanwhile.
    func update(from before: Order, to after: Order, at now: Instant, estimateUSD: Int64) throws {
        let (assignments, values) = Self.changedColumns(from: before, to: after, estimateUSD: estimateUSD)
        let changed = try db.run("UPDATE orders SET \(assignments) WHERE id = ? AND version = ?",
                                 values + [.int(after.code.number), .int(Int64(before.version))])
        guard changed == 1 else { throw StoreError.staleVersion(code: before.code, yourVersion: before.version, whatChanged: "it was changed by someone else") }
        if after.contract.lines != before.contract.lines {
            try db.run("DELETE FROM order_lines WHERE order_id = ?", [.int(after.code.number)])
            try writeLines(after)
        }
        // The filter finds orders by state, lines and shipment too: its text follows them.
        if after.contract.lines != before.contract.lines || after.state != before.state || after.shipment != before.shipment {
            let names = try db.query("SELECT supplier_name, buyer_name FROM orders WHERE id = ?", [.int(after.code.number)]) { ($0.text(0), $0.text(1)) }
            try writeSearchRow(after, supplierName: names.first?.0 ?? "", buyerName: names.first?.1 ?? "")
        }
        if before.state != after.state || (before.payableNow == nil) != (after.payableNow == nil) {
            let ids = (try parties.require(after.supplier).id, try parties.require(after.buyer).id)
            try adjustCount(before, by: -1, ids: ids)
            try adjustCount(after, by: 1, ids: ids)
        }
        try writeChildChanges(from: before, to: after, at: now)
    }

    /// Inserts an order already past its draft (the bulk seeder): row, lines, search row,
    /// counters and every child row of its current state.
    func insertComplete(_ order: Order, at now: Instant, estimateUSD: Int64) throws {
        try insert(order, estimateUSD: estimateUSD)
        var blank = order
        blank.coverage = nil
        blank.paymentLink = nil
        blank.payments = []
        blank.checklist = [:]
        blank.contacts = []
        blank.shipment = nil
        blank.pendingExtension = nil
        blank.extensionHistory = []
        blank.amendments = []
        blank.dispute = nil
        blank.disputeOutcome = nil
        try writeChildChanges(from: blank, to: order, at: now)
    }

    /// Child rows follow the data, not the transition that changed it, so the seeder and the
    /// workflow write identical rows.
    private func writeChildChanges(from before: Order, to after: Order, at now: Instant) throws {
        let id = Value.int(after.code.number)
        if before.coverage == nil && after.coverage != nil {
            try db.run("INSERT INTO payment_terms (order_id, term, amount, due) VALUES (?, 'advance', ?, 'on confirmation'), (?, 'balance', ?, ?)",
                       [id, .int(after.advanceAmount.minorUnits), id, .int(after.balanceAmount.minorUnits), .text(after.contract.balanceDue.rawValue)])
        } else if before.coverage != nil && before.balanceAmount != after.balanceAmount {
            // An accepted price change before payment: the balance follows the new total.
            try db.run("UPDATE payment_terms SET amount = ? WHERE order_id = ? AND term = 'balance'", [.int(after.balanceAmount.minorUnits), id])
        }
        if before.amendments != after.amendments { try AmendmentRows(db: db).write(from: before, to: after) }
        if let token = after.paymentLink, before.paymentLink == nil {
            try db.run("INSERT INTO payment_links (order_id, token, issued_at) VALUES (?, ?, ?)", [id, .text(token.text), .int(after.confirmedAt?.secondsSinceEpoch ?? 0)])
        }
        for payment in after.payments.dropFirst(before.payments.count) {
            try db.run("""
                INSERT INTO payments (order_id, idempotency_key, term, amount, currency, method, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [id, .text(payment.key.value), .text(payment.term.rawValue), .int(payment.amount.minorUnits),
                      .text(payment.amount.currency.code), .text(payment.method.rawValue), .int(payment.at.secondsSinceEpoch)])
        }
        for item in ChecklistItem.allCases where before.checklist[item] != after.checklist[item] {
            if before.checklist[item] != nil {
                try db.run("DELETE FROM checklist_ticks WHERE order_id = ? AND item = ?", [id, .text(item.rawValue)])
            }
            if let tick = after.checklist[item] {
                try db.run("INSERT INTO checklist_ticks (order_id, item, by_party, at, note) VALUES (?, ?, ?, ?, ?)",
                           [id, .text(item.rawValue), .text(tick.by.value), .int(tick.at.secondsSinceEpoch), .text(tick.note)])
            }
        }
        for contact in after.contacts.dropFirst(before.contacts.count) {
            try db.run("INSERT INTO contacts (order_id, by_party, at, note) VALUES (?, ?, ?, ?)",
                       [id, .text(contact.by.value), .int(contact.at.secondsSinceEpoch), .text(contact.note)])
        }
        if let shipment = after.shipment, before.shipment == nil {
            try db.run("INSERT INTO shipments (order_id, carrier, tracking, at) VALUES (?, ?, ?, ?)",
                       [id, .text(shipment.carrier), .text(shipment.tracking), .int(shipment.at.secondsSinceEpoch)])
        }
        if before.pendingExtension != after.pendingExtension {
            if before.pendingExtension != nil {
                let answer = after.extensionDays > before.extensionDays ? "accepted" : "declined"
                try db.run("UPDATE extension_requests SET answer = ?, answered_at = ? WHERE order_id = ? AND answer IS NULL",
                           [.text(answer), .int(now.secondsSinceEpoch), id])
            }
            if let request = after.pendingExtension {
                try db.run("INSERT INTO extension_requests (order_id, days, reason, requested_at) VALUES (?, ?, ?, ?)",
                           [id, .int(Int64(request.days)), .text(request.reason), .int(request.at.secondsSinceEpoch)])
            }
        }
        if before.dispute != after.dispute || before.disputeOutcome != after.disputeOutcome {
            try DisputeRows(db: db).write(from: before, to: after, order: id, at: now)
        }
    }

    /// Sorts orders without a deadline after all others.
    static let noDeadline = Int64.max

    static let writableColumns = [
        "initiator", "state", "version", "waiting_on", "next_deadline", "next_deadline_kind", "deadline_sort", "timeout_at",
        "supplier_queue", "buyer_queue", "payable", "kind", "currency",
        "total", "sort_total_usd", "incoterm", "named_place", "shipping_method", "ship_rule", "ship_value", "expected_delivery",
        "destination", "freight", "insurance", "advance", "balance_due", "remarks", "paid_advance", "paid_balance",
        "created_at", "submitted_at", "confirmed_at", "advance_paid_at", "balance_paid_at", "production_started_at", "ready_at",
        "received_at", "ended_at", "total_usd", "covered_usd", "rate_micros", "rate_effective", "extension_days",
        "receipt_extended_supplier", "receipt_extended_buyer", "refunded", "last_reason", "protection_days", "guaranteed_date",
    ]

    /// The SET list and its values for the columns whose value differs between the two orders'
    /// rows: SQLite then updates only the indexes and checks the constraints that involve them,
    /// not all 19 indexes of `orders` for every action. Every column is derived from the order
    /// value alone, so `before`'s row is what is stored — except the sort estimate of an order
    /// without coverage, which follows today's rates and so is always written. The version is
    /// always set, so the list is never empty.
    static func changedColumns(from before: Order, to after: Order, estimateUSD: Int64) -> (sql: String, values: [Value]) {
        let old = rowValues(before, estimateUSD: estimateUSD), new = rowValues(after, estimateUSD: estimateUSD)
        let estimated = before.coverage == nil || after.coverage == nil
        var assignments: [String] = [], values: [Value] = []
        for (index, column) in writableColumns.enumerated() where old[index] != new[index] || column == "version" || (estimated && column == "sort_total_usd") {
            assignments.append("\(column) = ?")
            values.append(new[index])
        }
        return (assignments.joined(separator: ", "), values)
    }

    /// The writable columns' values, in `writableColumns` order (also used by the bulk seeder).
    static func rowValues(_ o: Order, estimateUSD: Int64) -> [Value] {
        let c = o.contract
        func at(_ instant: Instant?) -> Value { Value(instant?.secondsSinceEpoch) }
        let (rule, value): (String, Int64) = {
            switch c.shipDate {
            case let .fixed(date): return ("fixed", Int64(date.daysSinceEpoch))
            case let .daysAfterAdvance(n): return ("afterAdvance", Int64(n))
            case let .daysAfterBalance(n): return ("afterBalance", Int64(n))
            }
        }()
        let next = o.nextDeadline
        return [
            .text(o.initiator.rawValue), .text(o.state.rawValue), .int(Int64(o.version)), Value(o.waitingOnKind?.rawValue),
            at(next?.due), Value(next?.kind.rawValue), .int(next?.due.secondsSinceEpoch ?? OrderRows.noDeadline), at(o.timeoutAt),
            .text(OrderQueue.of(o, side: .supplier).rawValue), .text(OrderQueue.of(o, side: .buyer).rawValue),
            .int(o.payableNow == nil ? 0 : 1), .text(c.kind.rawValue), .text(c.currency.code),
            .int(o.total.minorUnits), .int(o.coverage?.totalUSD.minorUnits ?? estimateUSD), .text(c.incoterm.rawValue),
            .text(c.namedPlace), .text(c.shippingMethod.rawValue), .text(rule), .int(value),
            Value(c.expectedDelivery.map { Int64($0.daysSinceEpoch) }), .text(c.destination), .int(c.freight.minorUnits),
            .int(c.insurance.minorUnits), .int(c.advance.minorUnits), .text(c.balanceDue.rawValue), .text(c.remarks),
            .int(o.paid(.advance).minorUnits), .int(o.paid(.balance).minorUnits), at(o.createdAt), at(o.submittedAt),
            at(o.confirmedAt), at(o.advancePaidAt), at(o.balancePaidAt), at(o.productionStartedAt), at(o.readyAt),
            at(o.receivedAt), at(o.endedAt), Value(o.coverage?.totalUSD.minorUnits), Value(o.coverage?.covered.minorUnits),
            Value(o.coverage?.rate.microUnitsPerUSD), Value(o.coverage.map { Int64($0.rate.effective.daysSinceEpoch) }),
            .int(Int64(o.extensionDays)), .int(o.receiptExtendedBy.contains(.supplier) ? 1 : 0),
            .int(o.receiptExtendedBy.contains(.buyer) ? 1 : 0), Value(o.refunded?.minorUnits), Value(o.lastReason),
            .int(Int64(o.protectionDays)), .int(c.guaranteedDate ? 1 : 0),
        ]
    }

    private func writeLines(_ order: Order) throws {
        let statement = try db.cachedStatement("""
            INSERT INTO order_lines (order_id, line_no, description, quantity_milli, unit, unit_price, quality, inspection)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, line) in order.contract.lines.enumerated() {
            try statement.bind([.int(order.code.number), .int(Int64(index + 1)), .text(line.description), .int(line.quantity.thousandths),
                                .text(line.unit), .int(line.unitPrice.minorUnits), .text(line.quality), .int(line.inspectionRequired ? 1 : 0)])
            _ = try statement.step()
            statement.reset()
        }
    }

    private func writeSearchRow(_ order: Order, supplierName: String, buyerName: String) throws {
        try SearchIndex(db: db).write(order.code.number, SearchDocument(order, supplierName: supplierName, buyerName: buyerName))
    }

    /// Keeps `order_counts` in step: one row per (party, side, state, initiator, payable).
    private func adjustCount(_ order: Order, by delta: Int64, ids known: (Int64, Int64)? = nil) throws {
        let ids = try known ?? (try parties.require(order.supplier).id, try parties.require(order.buyer).id)
        // An upsert checks `n >= 0` on the row it would insert, so decrements are plain updates.
        let statement = try db.cachedStatement(delta > 0 ? """
            INSERT INTO order_counts (party_id, side, state, initiator, payable, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (party_id, side, state, initiator, payable) DO UPDATE SET n = n + excluded.n
            """ : """
            UPDATE order_counts SET n = n + ?6 WHERE party_id = ?1 AND side = ?2 AND state = ?3 AND initiator = ?4 AND payable = ?5
            """)
        for (partyID, side) in [(ids.0, "supplier"), (ids.1, "buyer")] {
            try statement.bind([.int(partyID), .text(side), .text(order.state.rawValue), .text(order.initiator.rawValue),
                                .int(order.payableNow == nil ? 0 : 1), .int(delta)])
            _ = try statement.step()
            statement.reset()
        }
    }
}

/// Raw text back into a domain enum, or a clear error naming the bad value.
func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: raw) else { throw StoreError.corruptRow("unexpected \(T.self) value '\(raw)'") }
    return value
}
