import TradeGuardCore

/// What an order action did, for the caller to show.
public struct ActionResult: Sendable {
    public let order: Order
    /// The payment recorded, or for a replayed key the original payment.
    public let payment: PaymentRecord?
    public let ledger: [LedgerEntry]
    /// The key arrived again with the same amount: nothing new was written.
    public let wasReplay: Bool
}

extension Store {
    /// The workflow's entry point for order actions, used by the full screen and `tradeguard do`
    /// alike: load → domain decides → rows + one audit event + ledger rows, in one transaction.
    /// `expectedVersion` is the version the caller saw; if the order moved since, nothing is
    /// written and the error says what changed.
    @discardableResult
    public func perform(_ command: OrderCommand, on code: OrderCode, as actor: Actor,
                        expectedVersion: Int? = nil) throws -> ActionResult {
        try transact { now, recorder in
            guard let order = try orderRows.load(code) else { throw StoreError.orderNotFound(code) }
            if let expectedVersion, expectedVersion != order.version {
                throw StoreError.staleVersion(code: code, yourVersion: expectedVersion,
                                              whatChanged: try changesSince(code, version: expectedVersion))
            }
            var context = try actionContext(for: order, at: now)
            if command.action == .confirm { context.newPaymentLink = random.token() }
            if case let .pay(_, _, key) = command, !order.payments.contains(where: { $0.key == key }),
               try db.scalarInt("SELECT order_id FROM payments WHERE idempotency_key = ?", [.text(key.value)]) != nil {
                throw StoreError.keyUsedElsewhere(key.value)
            }

            let decision: Decision
            do throws(Refusal) {
                decision = try Workflow.decide(order, command, by: actor, context: context)
            } catch let refusal {
                throw try explain(refusal, command: command, order: order)
            }
            if decision.isReplay {
                // Nothing changes, but the attempt is still one audited event.
                try recorder.record(decision.event, orderID: code.number)
                guard case let .pay(_, _, key) = command else { throw StoreError.invalid("internal error: replay without a key") }
                return ActionResult(order: order, payment: order.payments.first { $0.key == key }, ledger: [], wasReplay: true)
            }

            try orderRows.update(from: order, to: decision.after, at: now, estimateUSD: try estimateUSD(decision.after))
            var event = decision.event
            if decision.recomputeLimit {
                // The recompute goes into the event that caused it, so the log accounts for every recompute row.
                try limits.recompute(try parties.require(order.supplier), reason: "order \(code) closed", at: now)
                event = event.adding(try limits.lastRecomputeField(order.supplier))
            }
            if let penalty = decision.penalty { event = try applyPenalty(penalty, order: code, to: event, at: now) }
            let eventID = try recorder.record(event, orderID: code.number)
            try writeLedger(decision.ledger, eventID: eventID, at: now)
            return ActionResult(order: decision.after, payment: decision.payment, ledger: decision.ledger, wasReplay: false)
        }
    }

    /// A new draft by `actor` with `counterparty`; returns it with its new code.
    @discardableResult
    public func draft(_ contract: Contract, counterparty: Handle, as actor: Actor) throws -> Order {
        try transact { now, recorder in
            guard let handle = actor.handle, let kind = actor.kind, kind == .supplier || kind == .buyer else {
                throw StoreError.invalid("Only a supplier or a buyer can draft a contract.")
            }
            let me = try parties.require(handle)
            let other = try parties.require(counterparty)
            guard me.party.kind == kind else { throw StoreError.invalid("'\(handle)' is a \(me.party.kind.rawValue), not a \(kind.rawValue).") }
            let wanted: PartyKind = kind == .supplier ? .buyer : .supplier
            guard other.party.kind == wanted else {
                throw StoreError.invalid("The counterparty '\(counterparty)' is a \(other.party.kind.rawValue); a \(kind.rawValue) drafts with a \(wanted.rawValue).")
            }
            let supplier = kind == .supplier ? me : other
            let buyer = kind == .supplier ? other : me
            let next = (try db.scalarInt("SELECT coalesce(max(id), 0) + 1 FROM orders") ?? 1)
            let context = DecisionContext(now: now, supplierActive: supplier.party.activation.isActive,
                                          supplierSuspended: supplier.party.isSuspended)
            let (order, event): (Order, AuditEvent)
            do throws(Refusal) {
                (order, event) = try Workflow.draft(code: OrderCode(number: next), supplier: supplier.handle, buyer: buyer.handle,
                                                    by: actor, contract: contract, context: context)
            } catch { throw StoreError.refused(error) }
            try orderRows.insert(order, estimateUSD: try estimateUSD(order))
            try recorder.record(event, orderID: order.code.number)
            return order
        }
    }

    /// The order as stored, for whoever may see it: its supplier, its buyer (not another side's
    /// draft) or the platform.
    public func order(_ code: OrderCode, as viewer: Actor? = nil) throws -> Order {
        try read {
            guard let order = try orderRows.load(code), Store.canSee(order, viewer) else { throw StoreError.orderNotFound(code) }
            return order
        }
    }

    /// An order and its audit trail read in one transaction, so they always agree (another
    /// process may commit between two separate reads), and for the price of one.
    public func orderWithEvents(_ code: OrderCode, as viewer: Actor? = nil) throws -> (order: Order, events: [StoredEvent]) {
        try read { (try order(code, as: viewer), try events(of: code)) }
    }

    static func canSee(_ order: Order, _ viewer: Actor?) -> Bool {
        guard let viewer else { return true }
        if viewer.kind == .platform || viewer == .system { return true }
        let roles = order.roles(of: viewer)
        if roles.isEmpty { return false }
        return order.state != .draft || roles.contains(.initiator)
    }

    // MARK: Helpers

    /// Turns a domain refusal into what a person should read. The commonest race — the same
    /// action taken twice from two terminals — says it already happened.
    private func explain(_ refusal: Refusal, command: OrderCommand, order: Order) throws -> StoreError {
        if case .wrongState = refusal,
           let last = try db.query("SELECT action, actor, at FROM events WHERE order_id = ? ORDER BY id DESC LIMIT 1",
                                   [.int(order.code.number)], row: { ($0.text(0), $0.text(1), $0.int(2)) }).first,
           last.0 == command.action.rawValue {
            return .alreadyDone(code: order.code, what: "\(Self.pastTense(command.action)) by \(last.1) at \(Instant(secondsSinceEpoch: last.2))")
        }
        return .refused(refusal)
    }

    static func pastTense(_ action: OrderAction) -> String {
        switch action {
        case .submit: return "submitted"
        case .confirm: return "confirmed"
        case .cancel, .autoCancel: return "cancelled"
        case .startProduction: return "put into production"
        case .ready: return "marked ready to ship"
        case .ship: return "shipped"
        case .confirmReceipt, .autoComplete: return "received"
        case .close: return "closed"
        case .dispute: return "disputed"
        case .resolve: return "resolved"
        default: return "changed (\(action.rawValue))"
        }
    }

    /// "buyer:hanse confirm, buyer:hanse pay" — the events after `version`.
    func changesSince(_ code: OrderCode, version: Int) throws -> String {
        let current = try db.scalarInt("SELECT version FROM orders WHERE id = ?", [.int(code.number)]) ?? Int64(version)
        let count = max(1, Int(current) - version)
        let rows = try db.query("""
            SELECT actor, action FROM events WHERE order_id = ? AND action <> '\(Workflow.replayAction)' ORDER BY id DESC LIMIT ?
            """, [.int(code.number), .int(Int64(min(count, 5)))]) { "\($0.text(0)) \($0.text(1))" }
        return rows.reversed().joined(separator: ", ")
    }

    /// The newest rate for `currency` effective on or before `date` (USD needs none).
    func rate(for currency: Currency, on date: CalendarDate) throws -> ExchangeRate? {
        if currency == .usd { return .usd(on: date) }
        let statement = try db.cachedStatement("""
            SELECT micros_per_usd, effective FROM exchange_rates WHERE currency = ? AND effective <= ? ORDER BY effective DESC LIMIT 1
            """)
        try statement.bind([.text(currency.code), .int(Int64(date.daysSinceEpoch))])
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try ExchangeRate(currency: currency, microUnitsPerUSD: statement.int(0),
                                effective: CalendarDate(daysSinceEpoch: Int(statement.int(1))))
    }

    /// USD value used to sort orders across currencies before confirmation fixes it.
    func estimateUSD(_ order: Order) throws -> Int64 {
        if let coverage = order.coverage { return coverage.totalUSD.minorUnits }
        guard let rate = try rate(for: order.currency, on: order.createdAt.utcDate) else { return 0 }
        return (try? rate.toUSD(order.total).minorUnits) ?? 0
    }

    /// A dispute's violation points: added to the party's, a supplier's limit recomputed, and
    /// both rows carried by the event that caused them (the global replay pass compares them).
    /// A buyer at fault (a balance unpaid after receipt) has points but no limit to recompute.
    func applyPenalty(_ penalty: PenaltyAssessment, order code: OrderCode, to event: AuditEvent, at now: Instant) throws -> AuditEvent {
        var party = try parties.require(penalty.party).party
        party.violationPoints = min(1000, party.violationPoints + penalty.points)
        try parties.update(party)
        let supplier = party.kind == .supplier
        if supplier {
            try limits.recompute(try parties.require(penalty.party), reason: "dispute on \(code): \(penalty.points) violation points", at: now)
        }
        // After the recompute: the party's row carries the limit it granted.
        let withParty = event.adding(.init("partyRow", RowEncoding.encode(try parties.eventRow(penalty.party))))
        return supplier ? withParty.adding(try limits.lastRecomputeField(penalty.party)) : withParty
    }

    func writeLedger(_ entries: [LedgerEntry], eventID: Int64, at now: Instant) throws {
        for entry in entries {
            let supplier = try parties.require(entry.supplier)
            try db.run("""
                INSERT INTO limit_ledger (supplier_id, order_id, kind, amount_usd, rate_micros, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.int(supplier.id), Value(entry.order?.number), .text(entry.kind.rawValue), .int(entry.amount.minorUnits),
                      Value(entry.rateMicros), .int(now.secondsSinceEpoch), .int(eventID)])
            let delta = entry.kind == .release ? -entry.amount.minorUnits : entry.amount.minorUnits
            try parties.adjustReserved(supplier.id, by: delta)
        }
    }
}

extension Store {
    /// A fresh idempotency key for a payment about to be made (kept by the caller across retries).
    public func newPaymentKey() -> IdempotencyKey { random.key() }

    /// What happened to `code` since `version`, as "actor action" phrases.
    public func describeChanges(_ code: OrderCode, since version: Int) throws -> String {
        try read { try changesSince(code, version: version) }
    }
}
