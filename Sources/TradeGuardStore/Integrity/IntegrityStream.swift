import CSQLite
import TradeGuardCore

/// Audit events per order (all but payment replays), counted during the chain pass.
struct EventCounts {
    private var dense: [Int32]
    private var sparse: [Int64: Int] = [:]

    init(db: Database) throws {
        let maxID = try db.scalarInt("SELECT max(id) FROM orders") ?? 0
        let count = try db.scalarInt("SELECT count(*) FROM orders") ?? 0
        // An array indexed by order id, unless the ids are very sparse.
        dense = maxID > 0 && maxID <= 4 * count + 1_000_000 ? [Int32](repeating: 0, count: Int(maxID) + 1) : []
    }

    @inline(__always)
    mutating func add(_ order: Int64) {
        if order >= 0 && order < dense.count { dense[Int(order)] += 1 } else { sparse[order, default: 0] += 1 }
    }

    subscript(order: Int64) -> Int {
        if order >= 0 && order < dense.count { return Int(dense[Int(order)]) }
        return sparse[order] ?? 0
    }
}

/// Re-hashes one event row of `SELECT id, at, actor, action, order_id, from_state, to_state,
/// payload, hash FROM events` against the previous stored hash.
///
/// The canonical bytes are those of the `AuditEvent` the row decodes to — the event rebuilt
/// from its columns as `check` always did (payload decoded by `EventPayload.decode`, fields
/// sorted by key, unknown states read as none). For the common row — ASCII text, a payload
/// without escapes whose keys are already in order — they are written straight from the
/// column bytes (the same bytes, without building strings); any other row takes the original
/// path through `AuditEvent`.
struct ChainVerifier {
    enum Outcome { case ok, mismatch, unreadable }

    private(set) var previous: [UInt8] = EventLog.genesis
    /// The slow path's bytes (an `AuditEvent` encoded by SeedEncoding) …
    private var canonical: [UInt8] = []
    /// … and the fast path's, written straight from the columns.
    private let fast = CanonicalWriter()
    private var fields: [(key: Range<Int>, value: Range<Int>)] = []

    /// `previous`: the stored hash before the first event verified (genesis for the first event).
    init(previous: [UInt8] = EventLog.genesis) {
        self.previous = previous
        canonical.reserveCapacity(1024)
        fields.reserveCapacity(16)
    }

    private static let replay = Array(Workflow.replayAction.utf8)

    /// The row's action is a payment replay (not counted against the order's version).
    static func isReplay(_ s: Statement) -> Bool {
        ByteCompare.equal(replay, bytes(s.handle, 3))
    }

    mutating func verify(_ s: Statement) -> Outcome {
        let h = s.handle
        fast.reset()
        let isFast = appendFast(h)
        if !isFast {
            canonical.removeAll(keepingCapacity: true)
            guard let payload = EventPayload.decode(s.text(7)) else { return .unreadable }
            let order = s.optionalInt(4)
            if let order, order <= 0 {
                // No order code can name it; no event could have been hashed with it.
                previous = s.blob(8)
                return .mismatch
            }
            let event = AuditEvent(actor: s.text(2), action: s.text(3), order: order.map { OrderCode(number: $0) },
                                   fromState: s.optionalText(5).flatMap(OrderState.init), toState: s.optionalText(6).flatMap(OrderState.init),
                                   at: Instant(secondsSinceEpoch: s.int(1)), payload: payload)
            SeedEncoding.appendCanonical(event, to: &canonical)
        }
        var hasher = SHA256()
        hasher.update(previous)
        if isFast { hasher.update(fast.bytes) } else { canonical.withUnsafeBytes { hasher.update($0) } }
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digest) { hasher.finalize(into: $0.baseAddress!) }
        let stored = Self.bytes(h, 8)
        let matches = withUnsafeBytes(of: digest) { ByteCompare.equal($0, stored) }
        if stored.count == 32 {
            previous.withUnsafeMutableBytes { $0.copyMemory(from: stored) }
        } else {
            previous = Array(stored)
        }
        return matches ? .ok : .mismatch
    }

    /// The column's bytes (empty for NULL), valid until the next step.
    @inline(__always)
    private static func bytes(_ h: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_blob(h, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(h, column)))
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// The fast path; false when the row needs the general one.
    private mutating func appendFast(_ h: OpaquePointer) -> Bool {
        guard sqlite3_column_type(h, 2) == SQLITE_TEXT, sqlite3_column_type(h, 3) == SQLITE_TEXT,
              sqlite3_column_type(h, 7) == SQLITE_TEXT else { return false }
        // Text columns: read as text so SQLite hands over UTF-8 (as Statement.text does).
        _ = sqlite3_column_text(h, 2); _ = sqlite3_column_text(h, 3); _ = sqlite3_column_text(h, 7)
        let actor = Self.bytes(h, 2), action = Self.bytes(h, 3), payload = Self.bytes(h, 7)
        guard Self.isASCII(actor), Self.isASCII(action), Self.isASCII(payload) else { return false }
        guard parsePayload(payload) else { return false }
        let order: Int64?
        if sqlite3_column_type(h, 4) == SQLITE_NULL { order = nil } else {
            order = sqlite3_column_int64(h, 4)
            if order! <= 0 { return false }
        }
        fast.putTag()
        fast.put(bytes: actor)
        fast.put(bytes: action)
        if let order { fast.putCode(order) } else { fast.putEmpty() }
        for column: Int32 in [5, 6] {
            if sqlite3_column_type(h, column) == SQLITE_NULL {
                fast.putEmpty()
            } else {
                _ = sqlite3_column_text(h, column)
                let raw = Self.bytes(h, column)
                guard Self.isASCII(raw), raw.count <= 32 else { return false }
                // ASCII: a state name as a String exactly when its bytes are one.
                if ReplayState.state(ascii: raw) != nil { fast.put(bytes: raw) } else { fast.putEmpty() }
            }
        }
        fast.putInteger(sqlite3_column_int64(h, 1))
        fast.putInteger(Int64(fields.count))
        for field in fields {
            fast.put(bytes: UnsafeRawBufferPointer(rebasing: payload[field.key]))
            fast.put(bytes: UnsafeRawBufferPointer(rebasing: payload[field.value]))
        }
        return true
    }

    /// `{"k":"v",…}` with no escapes and keys strictly ascending (byte order, which for ASCII is
    /// String order): the ranges of every key and value, in `fields`.
    private mutating func parsePayload(_ p: UnsafeRawBufferPointer) -> Bool {
        fields.removeAll(keepingCapacity: true)
        var i = 0
        let n = p.count
        func string() -> Range<Int>? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var j = start
            while j < n {
                let b = p[j]
                if b == UInt8(ascii: "\"") { i = j + 1; return start..<j }
                if b == UInt8(ascii: "\\") { return nil }
                j += 1
            }
            return nil
        }
        guard n >= 2, p[0] == UInt8(ascii: "{") else { return false }
        i = 1
        if p[1] == UInt8(ascii: "}") { return n == 2 }
        while true {
            guard let key = string(), i < n, p[i] == UInt8(ascii: ":") else { return false }
            i += 1
            guard let value = string() else { return false }
            if let last = fields.last {
                let a = UnsafeRawBufferPointer(rebasing: p[last.key]), b = UnsafeRawBufferPointer(rebasing: p[key])
                guard a.lexicographicallyPrecedes(b) else { return false }
            }
            fields.append((key, value))
            guard i < n else { return false }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            return p[i] == UInt8(ascii: "}") && i == n - 1
        }
    }
}

/// The columns `check` compares with the derivation, as stored.
struct StoredOrderColumns {
    var total: Int64 = 0
    var paidAdvance: Int64 = 0
    var paidBalance: Int64 = 0
    var nextDeadline: Int64?
    var nextDeadlineKind: String?
    var timeoutAt: Int64?
    var waitingOn: String?
    var state = ""
    var supplierQueue = ""
    var buyerQueue = ""
    var payable: Int64 = 0
    var version = 0
    var searchRows = 0
}

/// Every order loaded exactly as `OrderRows.load` loads it, but from one ordered scan of
/// `orders` merge-joined with one ordered scan of each child table (by order id), instead of
/// nine queries per order.
final class OrderStream {
    /// How many columns `OrderRows.columns` selects (decodeRow reads them from index 0).
    static let orderColumnCount = OrderRows.columns.split(separator: ",").count
    private let db: Database
    private let rows: OrderRows

    init(db: Database, rows: OrderRows) throws {
        self.db = db
        self.rows = rows
    }

    /// Calls `body` for every order in id order with the loaded order (nil when a party is
    /// missing, as `load` would fail to find it) and the stored derived columns.
    func forEach(_ body: (Int64, Order?, StoredOrderColumns) throws -> Void) throws {
        let main = try db.prepare("""
            SELECT \(OrderRows.columns), o.total, o.paid_advance, o.paid_balance, o.next_deadline, o.timeout_at, o.waiting_on,
                o.state, o.supplier_queue, o.buyer_queue, o.payable, s.id IS NULL OR b.id IS NULL, o.next_deadline_kind
            FROM orders o LEFT JOIN parties s ON s.id = o.supplier_id LEFT JOIN parties b ON b.id = o.buyer_id
            ORDER BY o.id
            """)
        defer { main.reset() }
        let lines = try ChildCursor(db, "SELECT order_id, description, quantity_milli, unit, unit_price, quality, inspection FROM order_lines ORDER BY order_id, line_no")
        let links = try ChildCursor(db, "SELECT order_id, token FROM payment_links ORDER BY order_id")
        let payments = try ChildCursor(db, "SELECT order_id, idempotency_key, term, amount, method, at FROM payments ORDER BY order_id, id")
        let ticks = try ChildCursor(db, "SELECT order_id, item, by_party, at, note FROM checklist_ticks ORDER BY order_id, item")
        let contacts = try ChildCursor(db, "SELECT order_id, at, by_party, note FROM contacts ORDER BY order_id, id")
        let shipments = try ChildCursor(db, "SELECT order_id, carrier, tracking, at FROM shipments ORDER BY order_id")
        let extensions = try ChildCursor(db, "SELECT order_id, days, reason, requested_at FROM extension_requests WHERE answer IS NULL ORDER BY order_id, id")
        let disputes = try ChildCursor(db, """
            SELECT order_id, reason, amount, opened_at, from_state, \(DisputeRows.negotiationColumns) FROM disputes
            WHERE resolved_at IS NULL ORDER BY order_id, id
            """)
        let proposals = try ChildCursor(db, """
            SELECT p.order_id, \(DisputeRows.proposalColumns.split(separator: ",").map { "p." + $0.filter { $0 != " " } }.joined(separator: ", "))
            FROM dispute_proposals p JOIN disputes d ON d.id = p.dispute_id WHERE d.resolved_at IS NULL ORDER BY p.order_id, p.id
            """)
        let evidence = try ChildCursor(db, """
            SELECT e.order_id, \(DisputeRows.evidenceColumns.split(separator: ",").map { "e." + $0.filter { $0 != " " } }.joined(separator: ", "))
            FROM dispute_evidence e JOIN disputes d ON d.id = e.dispute_id WHERE d.resolved_at IS NULL ORDER BY e.order_id, e.id
            """)
        let search = try ChildCursor(db, "SELECT rowid FROM order_search ORDER BY rowid")
        // Few orders have changes after confirmation or an ended negotiated dispute (a few in a
        // hundred): those load them through the very functions `OrderRows.load` calls.
        let amended = try ChildCursor(db, "SELECT DISTINCT order_id FROM amendments ORDER BY order_id")
        let ended = try ChildCursor(db, "SELECT DISTINCT order_id FROM disputes WHERE outcome IS NOT NULL ORDER BY order_id")

        let base = Self.orderColumnCount
        while try main.step() {
            let id = main.int(0)
            var stored = StoredOrderColumns()
            stored.total = main.int(base)
            stored.paidAdvance = main.int(base + 1)
            stored.paidBalance = main.int(base + 2)
            stored.nextDeadline = main.optionalInt(base + 3)
            stored.timeoutAt = main.optionalInt(base + 4)
            stored.waitingOn = main.optionalText(base + 5)
            stored.state = main.text(base + 6)
            stored.supplierQueue = main.text(base + 7)
            stored.buyerQueue = main.text(base + 8)
            stored.payable = main.int(base + 9)
            stored.nextDeadlineKind = main.optionalText(base + 11)
            stored.version = Int(main.int(5))
            try search.rows(for: id) { _ in stored.searchRows += 1 }

            var loaded: Order?
            if main.int(base + 10) == 0 {
                var order = try rows.decodeRow(main)
                let currency = order.currency
                // The mapping of OrderRows.loadChildren, column for column (shifted by the order_id).
                var contractLines: [LineItem] = []
                try lines.rows(for: id) { r in
                    contractLines.append(LineItem(description: r.text(1), quantity: Quantity(thousandths: r.int(2)), unit: r.text(3),
                                                  unitPrice: Money(minorUnits: r.int(4), currency: currency), quality: r.text(5),
                                                  inspectionRequired: r.int(6) == 1))
                }
                order.contract.lines = contractLines
                var first = true
                try links.rows(for: id) { r in
                    if first { order.paymentLink = PaymentLinkToken(r.text(1)) }
                    first = false
                }
                try payments.rows(for: id) { r in
                    order.payments.append(PaymentRecord(key: try IdempotencyKey(r.text(1)), term: try decode(PaymentTerm.self, r.text(2)),
                                                        amount: Money(minorUnits: r.int(3), currency: currency),
                                                        method: try decode(PaymentMethod.self, r.text(4)), at: Instant(secondsSinceEpoch: r.int(5))))
                }
                try ticks.rows(for: id) { r in
                    order.checklist[try decode(ChecklistItem.self, r.text(1))] =
                        ChecklistTick(by: try Handle(r.text(2)), at: Instant(secondsSinceEpoch: r.int(3)), note: r.text(4))
                }
                try contacts.rows(for: id) { r in
                    order.contacts.append(ContactEntry(at: Instant(secondsSinceEpoch: r.int(1)), by: try Handle(r.text(2)), note: r.text(3)))
                }
                try shipments.rows(for: id) { r in
                    if order.shipment == nil { order.shipment = Shipment(carrier: r.text(1), tracking: r.text(2), at: Instant(secondsSinceEpoch: r.int(3))) }
                }
                try extensions.rows(for: id) { r in
                    if order.pendingExtension == nil {
                        order.pendingExtension = ExtensionRequest(days: Int(r.int(1)), reason: r.text(2), at: Instant(secondsSinceEpoch: r.int(3)))
                    }
                }
                var openProposals: [DisputeProposal] = []
                var openEvidence: [EvidenceItem] = []
                try proposals.rows(for: id) { r in openProposals.append(try DisputeRows.proposal(r, at: 1, currency: currency)) }
                try evidence.rows(for: id) { r in openEvidence.append(try DisputeRows.evidence(r, at: 1)) }
                try disputes.rows(for: id) { r in
                    if order.dispute == nil {
                        order.dispute = Dispute(reason: r.text(1), amount: Money(minorUnits: r.int(2), currency: currency),
                                                openedAt: Instant(secondsSinceEpoch: r.int(3)), fromState: try decode(OrderState.self, r.text(4)),
                                                negotiation: try DisputeRows.negotiation(r, at: 5, proposals: openProposals, evidence: openEvidence))
                    }
                }
                var hasAmendments = false, hasOutcome = false
                try amended.rows(for: id) { _ in hasAmendments = true }
                try ended.rows(for: id) { _ in hasOutcome = true }
                // A row that cannot be read is left out here: the replay's row comparison names it.
                if hasAmendments { order.amendments = (try? AmendmentRows(db: db).load(order.code, currency: currency)) ?? [] }
                if hasOutcome { order.disputeOutcome = try? DisputeRows(db: db).loadOutcome(order: id, currency: currency) }
                loaded = order
            }
            try body(id, loaded, stored)
        }
    }
}

/// An ordered scan of a child table whose first column is the order id, consumed in step with
/// the scan of `orders`. Rows of ids the main scan never reaches (orphans) are skipped; the
/// foreign-key check reports them.
final class ChildCursor {
    private let statement: Statement
    private var hasRow: Bool
    private var current: Int64 = 0

    init(_ db: Database, _ sql: String) throws {
        statement = try db.prepare(sql)
        hasRow = try statement.step()
        if hasRow { current = statement.int(0) }
    }

    deinit { statement.reset() }

    func rows(for id: Int64, _ body: (Statement) throws -> Void) throws {
        while hasRow && current < id { try advance() }
        while hasRow && current == id {
            try body(statement)
            try advance()
        }
    }

    private func advance() throws {
        hasRow = try statement.step()
        if hasRow { current = statement.int(0) }
    }
}
