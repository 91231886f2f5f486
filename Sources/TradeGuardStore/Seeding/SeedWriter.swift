import CSQLite
import Foundation
import TradeGuardCore

/// Writes prepared seed batches inside the caller's write transaction: the same rows
/// `OrderRows.insertComplete` writes for a finished life (row, lines, search row, child rows of
/// the current state), every event with its precomputed hash, every ledger row — through
/// prepared statements bound directly, one step per row. Counters and reservations are summed
/// in memory and written once at the end (`finish`).
final class SeedWriter {
    private let db: Database
    private let orders: SeedInserter
    private let lines: SeedInserter
    private let terms: SeedInserter
    private let links: SeedInserter
    private let payments: SeedInserter
    private let ticks: SeedInserter
    private let contacts: SeedInserter
    private let shipments: SeedInserter
    private let extensions: SeedInserter
    private let disputes: SeedInserter
    private let proposals: SeedInserter
    private let evidence: SeedInserter
    private let amendments: SeedInserter
    /// Disputes get their ids here, so their proposals and evidence can name them.
    private var lastDisputeID: Int64
    private let events: SeedInserter
    private let ledger: SeedInserter
    /// One row per statement, and all of a batch's rows in a row: FTS5 flushes its pending terms
    /// at every statement savepoint, so interleaving these with multi-row inserts would write a
    /// tiny segment per order (five times the cost).
    private let search: Statement
    private let grams: Statement

    private(set) var eventCount = 0
    private var counts: [CountKey: Int64] = [:]
    private var reserved: [Int64: Int64] = [:]
    /// Buyers' violation points as the latest seeded balance claim against them left them.
    private var points: [Int64: Int64] = [:]

    struct CountKey: Hashable {
        let party: Int64
        let side: PartyKind
        let state: OrderState
        let initiator: PartyKind
        let payable: Bool
    }

    init(db: Database) throws {
        self.db = db
        orders = SeedInserter(db, "orders", ["id", "supplier_id", "buyer_id", "supplier_name", "buyer_name"] + OrderRows.writableColumns, rows: 16)
        lines = SeedInserter(db, "order_lines", ["order_id", "line_no", "description", "quantity_milli", "unit", "unit_price", "quality", "inspection"])
        terms = SeedInserter(db, "payment_terms", ["order_id", "term", "amount", "due"])
        links = SeedInserter(db, "payment_links", ["order_id", "token", "issued_at"])
        payments = SeedInserter(db, "payments", ["order_id", "idempotency_key", "term", "amount", "currency", "method", "at"])
        ticks = SeedInserter(db, "checklist_ticks", ["order_id", "item", "by_party", "at", "note"])
        contacts = SeedInserter(db, "contacts", ["order_id", "by_party", "at", "note"])
        shipments = SeedInserter(db, "shipments", ["order_id", "carrier", "tracking", "at"])
        extensions = SeedInserter(db, "extension_requests", ["order_id", "days", "reason", "requested_at", "answer", "answered_at"])
        disputes = SeedInserter(db, "disputes", ["id", "order_id", "reason", "amount", "opened_at", "from_state", "refund", "resolved_at",
                                                 "kind", "stage", "due_at", "evidence_request", "outcome", "remedy", "refund_due", "points", "reasoning",
                                                 "refund_paid_at", "refund_reference", "escalated_at"])
        proposals = SeedInserter(db, "dispute_proposals", ["order_id", "dispute_id", "by_side", "remedy", "refund", "note", "at"])
        evidence = SeedInserter(db, "dispute_evidence", ["order_id", "dispute_id", "description", "reference", "by_party", "at"])
        amendments = SeedInserter(db, "amendments", ["order_id"] + AmendmentRows.columns)
        lastDisputeID = try db.scalarInt("SELECT coalesce(max(id), 0) FROM disputes") ?? 0
        events = SeedInserter(db, "events", ["id", "at", "actor", "action", "order_id", "from_state", "to_state", "payload", "hash"])
        ledger = SeedInserter(db, "limit_ledger", ["supplier_id", "order_id", "kind", "amount_usd", "rate_micros", "at", "event_id"])
        // As SearchIndex.write.
        search = try db.prepare("INSERT INTO order_search (rowid, text) VALUES (?, ?)")
        grams = try db.prepare("INSERT INTO order_grams (gram, order_id) VALUES (?, ?)")
    }

    /// In the order rows must go in: a dispute before its proposals and evidence.
    private var all: [SeedInserter] {
        [orders, lines, terms, links, payments, ticks, contacts, shipments, extensions, disputes, proposals, evidence, amendments, events, ledger]
    }

    func write(_ batch: SeedBatch) throws {
        var eventIndex = 0
        try batch.json.withUnsafeBytes { json in
            try batch.hashes.withUnsafeBytes { hashes in
                for row in batch.rows {
                    try writeOrder(row)
                    for (party, total) in row.points { points[party] = total }
                    let firstEvent = eventIndex
                    let id = row.order.code.number
                    let e = events
                    for event in row.events {
                        e.int(batch.firstEventID + Int64(eventIndex))
                        e.int(event.at.secondsSinceEpoch)
                        e.text(event.actor)
                        e.text(event.action)
                        e.int(id)
                        e.text(event.fromState?.rawValue)
                        e.text(event.toState?.rawValue)
                        let start = batch.jsonStarts[eventIndex], end = batch.jsonStarts[eventIndex + 1]
                        e.bytes(json.baseAddress!.advanced(by: start), end - start, blob: false)
                        e.bytes(hashes.baseAddress!.advanced(by: eventIndex * 32), 32, blob: true)
                        try e.endRow()
                        eventIndex += 1
                    }
                    let l = ledger
                    for (entry, index) in row.ledger {
                        l.int(row.supplierID)
                        l.int(id)
                        l.text(entry.kind.rawValue)
                        l.int(entry.amount.minorUnits)
                        l.int(entry.rateMicros)
                        l.int(row.events[index].at.secondsSinceEpoch)
                        l.int(batch.firstEventID + Int64(firstEvent + index))
                        try l.endRow()
                        reserved[row.supplierID, default: 0] += entry.kind == .release ? -entry.amount.minorUnits : entry.amount.minorUnits
                    }
                }
                // The arena's pointers are bound without copies: flush while they are valid.
                for inserter in all { try inserter.flush() }
            }
        }
        do {
            let s = search.handle, g = grams.handle
            for row in batch.rows {
                let order = row.order
                let document = SearchDocument(order, supplierName: row.supplierName, buyerName: row.buyerName)
                bind(s, 1, order.code.number)
                bind(s, 2, document.text)
                try step(search)
                for piece in document.grams.sorted() {
                    bind(g, 1, piece)
                    bind(g, 2, order.code.number)
                    try step(grams)
                }
            }
        }
        eventCount += eventIndex
    }

    private func writeOrder(_ row: SeedOrderRow) throws {
        let order = row.order
        let id = order.code.number
        do {
            let o = orders
            o.int(id)
            o.int(row.supplierID)
            o.int(row.buyerID)
            o.text(row.supplierName)
            o.text(row.buyerName)
            for value in row.values { o.value(value) }
            try o.endRow()
        }
        for (index, line) in order.contract.lines.enumerated() {
            let l = lines
            l.int(id)
            l.int(Int64(index + 1))
            l.text(line.description)
            l.int(line.quantity.thousandths)
            l.text(line.unit)
            l.int(line.unitPrice.minorUnits)
            l.text(line.quality)
            l.int(line.inspectionRequired ? 1 : 0)
            try l.endRow()
        }
        let payable = order.payableNow != nil
        counts[CountKey(party: row.supplierID, side: .supplier, state: order.state, initiator: order.initiator, payable: payable), default: 0] += 1
        counts[CountKey(party: row.buyerID, side: .buyer, state: order.state, initiator: order.initiator, payable: payable), default: 0] += 1

        // Child rows of the current state, as OrderRows.writeChildChanges writes them from a blank order.
        if order.coverage != nil {
            let t = terms
            t.int(id); t.text("advance"); t.int(order.advanceAmount.minorUnits); t.text("on confirmation")
            try t.endRow()
            t.int(id); t.text("balance"); t.int(order.balanceAmount.minorUnits); t.text(order.contract.balanceDue.rawValue)
            try t.endRow()
        }
        if let token = order.paymentLink {
            let k = links
            k.int(id); k.text(token.text); k.int(order.confirmedAt?.secondsSinceEpoch ?? 0)
            try k.endRow()
        }
        for payment in order.payments {
            let p = payments
            p.int(id)
            p.text(payment.key.value)
            p.text(payment.term.rawValue)
            p.int(payment.amount.minorUnits)
            p.text(payment.amount.currency.code)
            p.text(payment.method.rawValue)
            p.int(payment.at.secondsSinceEpoch)
            try p.endRow()
        }
        if !order.checklist.isEmpty {
            let t = ticks
            for item in ChecklistItem.allCases {
                guard let tick = order.checklist[item] else { continue }
                t.int(id); t.text(item.rawValue); t.text(tick.by.value); t.int(tick.at.secondsSinceEpoch); t.text(tick.note)
                try t.endRow()
            }
        }
        for contact in order.contacts {
            let c = contacts
            c.int(id); c.text(contact.by.value); c.int(contact.at.secondsSinceEpoch); c.text(contact.note)
            try c.endRow()
        }
        if let shipment = order.shipment {
            let s = shipments
            s.int(id); s.text(shipment.carrier); s.text(shipment.tracking); s.int(shipment.at.secondsSinceEpoch)
            try s.endRow()
        }
        // Answered requests and ended disputes too, as the workflow leaves them.
        for request in SeedHistory.extensions(row.events) {
            let x = extensions
            x.int(id); x.int(request.days); x.text(request.reason); x.int(request.requestedAt); x.text(request.answer); x.int(request.answeredAt)
            try x.endRow()
        }
        for dispute in row.disputes { try writeDispute(dispute, order: id) }
        // Every proposal with its answer, as AmendmentRows writes them.
        for amendment in order.amendments {
            let a = amendments
            a.int(id)
            for value in AmendmentRows.values(amendment) { a.value(value) }
            try a.endRow()
        }
    }

    private func writeDispute(_ dispute: SeedDisputes.Row, order id: Int64) throws {
        lastDisputeID += 1
        let disputeID = lastDisputeID
        let d = disputes
        d.int(disputeID); d.int(id); d.text(dispute.reason); d.int(dispute.amount); d.int(dispute.openedAt); d.text(dispute.fromState)
        d.int(dispute.refund); d.int(dispute.resolvedAt)
        d.text(dispute.kind); d.text(dispute.stage); d.int(dispute.dueAt); d.text(dispute.evidenceRequest)
        d.text(dispute.outcome); d.text(dispute.remedy); d.int(dispute.refundDue); d.int(dispute.points); d.text(dispute.reasoning)
        d.int(dispute.refundPaidAt); d.text(dispute.refundReference); d.int(dispute.escalatedAt)
        try d.endRow()
        for p in dispute.proposals {
            let r = proposals
            r.int(id); r.int(disputeID); r.text(p.by.rawValue); r.text(p.remedy.kind.rawValue); r.int(p.remedy.refund.minorUnits)
            r.text(p.note); r.int(p.at.secondsSinceEpoch)
            try r.endRow()
        }
        for e in dispute.evidence {
            let r = evidence
            r.int(id); r.int(disputeID); r.text(e.description); r.text(e.reference); r.text(e.by.value); r.int(e.at.secondsSinceEpoch)
            try r.endRow()
        }
    }

    /// Inserts every row still buffered.
    func flush() throws {
        for inserter in all { try inserter.flush() }
    }

    /// Writes the summed tab counters and reservations (after `flush`).
    func finish() throws {
        try flush()
        let upsert = try db.prepare("""
            INSERT INTO order_counts (party_id, side, state, initiator, payable, n) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (party_id, side, state, initiator, payable) DO UPDATE SET n = n + excluded.n
            """)
        for (key, n) in counts.sorted(by: { ($0.key.party, $0.key.side.rawValue) < ($1.key.party, $1.key.side.rawValue) }) {
            let s = upsert.handle
            bind(s, 1, key.party)
            bind(s, 2, key.side.rawValue)
            bind(s, 3, key.state.rawValue)
            bind(s, 4, key.initiator.rawValue)
            bind(s, 5, key.payable ? 1 : 0)
            bind(s, 6, n)
            try step(upsert)
        }
        counts = [:]
        for (supplier, delta) in reserved.sorted(by: { $0.key < $1.key }) where delta != 0 {
            try db.run("UPDATE parties SET reserved_usd = reserved_usd + ? WHERE id = ?", [.int(delta), .int(supplier)])
        }
        reserved = [:]
        for (party, total) in points.sorted(by: { $0.key < $1.key }) {
            try db.run("UPDATE parties SET violation_points = ? WHERE id = ?", [.int(total), .int(party)])
        }
        points = [:]
    }

    // MARK: Binding

    @inline(__always)
    private func bind(_ s: OpaquePointer, _ i: Int32, _ value: Int64) { sqlite3_bind_int64(s, i, value) }

    @inline(__always)
    private func bind(_ s: OpaquePointer, _ i: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(s, i, value) } else { sqlite3_bind_null(s, i) }
    }

    @inline(__always)
    private func bind(_ s: OpaquePointer, _ i: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(s, i); return }
        _ = text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                sqlite3_bind_text64(s, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), UInt64(bytes.count),
                                    CSQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
            } else {
                sqlite3_bind_text64(s, i, "", 0, CSQLITE_TRANSIENT, UInt8(SQLITE_UTF8))  // '' rather than NULL
            }
        }
    }

    @inline(__always)
    private func step(_ statement: Statement) throws {
        let rc = sqlite3_step(statement.handle)
        guard rc == SQLITE_DONE else {
            let error = SQLiteError(rc: rc, db: statement.connection.handle, sql: statement.sql)
            sqlite3_reset(statement.handle)
            throw error
        }
        sqlite3_reset(statement.handle)
    }
}

/// Buffers rows for one table and inserts them `rows` at a time with one multi-row INSERT:
/// a statement's fixed costs are paid once per statement, not once per row. `OR ROLLBACK`: a
/// multi-row INSERT that may fail midway (ABORT) needs a statement journal, which copies every
/// page it touches that the transaction had already changed — a tenth of the writer's time,
/// and a third of its system time. Any failure ends the seed anyway, so SQLite may as well
/// roll the whole transaction back at once. Values wait as
/// plain 16-byte slots and text in one byte arena (no `String` retained, no enum with
/// payloads); at the flush every value is bound SQLITE_STATIC straight from the arena or the
/// caller's bytes, so SQLite copies nothing it does not store.
final class SeedInserter {
    private struct Slot {
        enum Kind: UInt8 { case int, null, text, externalText, externalBlob }
        var kind: Kind
        var length: Int32
        /// The integer; the arena offset of a text; the address of external bytes.
        var value: Int64
    }

    private let db: Database
    private let prefix: String
    private let rowSQL: String
    private let columns: Int
    private let rowsPerStatement: Int
    private var slots: [Slot] = []
    private var arena: [UInt8] = []
    private var rowCount = 0
    private var statements: [Int: Statement] = [:]
    private static let empty: StaticString = ""

    init(_ db: Database, _ table: String, _ columns: [String], rows: Int = 64) {
        self.db = db
        prefix = "INSERT OR ROLLBACK INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        rowSQL = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        self.columns = columns.count
        rowsPerStatement = rows
        slots.reserveCapacity(columns.count * rows)
        arena.reserveCapacity(columns.count * rows * 16)
    }

    @inline(__always) func int(_ value: Int64) { slots.append(Slot(kind: .int, length: 0, value: value)) }
    @inline(__always) func int(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }
    @inline(__always) func null() { slots.append(Slot(kind: .null, length: 0, value: 0)) }

    @inline(__always) func text(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            slots.append(Slot(kind: .text, length: Int32(bytes.count), value: Int64(arena.count)))
            arena.append(contentsOf: bytes)
        }
    }

    @inline(__always) func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// Bytes owned by the caller, valid until the next flush.
    @inline(__always) func bytes(_ base: UnsafeRawPointer, _ count: Int, blob: Bool) {
        slots.append(Slot(kind: blob ? .externalBlob : .externalText, length: Int32(count), value: Int64(Int(bitPattern: base))))
    }

    func value(_ value: Value) {
        switch value {
        case .null: null()
        case let .int(v): int(v)
        case let .text(v): text(v)
        case let .blob(b): text(String(decoding: b, as: UTF8.self))  // not used by the seeder
        case let .double(d): int(Int64(d))  // not used by the seeder
        }
    }

    func endRow() throws {
        rowCount += 1
        precondition(slots.count == rowCount * columns, "a seeded row has the wrong number of values")
        if rowCount == rowsPerStatement { try flush() }
    }

    func flush() throws {
        guard rowCount > 0 else { return }
        let statement: Statement
        if let cached = statements[rowCount] {
            statement = cached
        } else {
            statement = try db.prepare(prefix + Array(repeating: rowSQL, count: rowCount).joined(separator: ", "))
            statements[rowCount] = statement
        }
        let s = statement.handle
        let failure = arena.withUnsafeBytes { arena -> SQLiteError? in
            // '' must be bound as a real (empty) string, never as a null pointer.
            let base = arena.baseAddress ?? UnsafeRawPointer(Self.empty.utf8Start)
            return slots.withUnsafeBufferPointer { slots -> SQLiteError? in
                var index: Int32 = 1
                for slot in slots {
                    switch slot.kind {
                    case .int: sqlite3_bind_int64(s, index, slot.value)
                    case .null: sqlite3_bind_null(s, index)
                    case .text:
                        sqlite3_bind_text64(s, index, (base + Int(slot.value)).assumingMemoryBound(to: CChar.self), UInt64(slot.length),
                                            nil, UInt8(SQLITE_UTF8))
                    case .externalText:
                        sqlite3_bind_text64(s, index, UnsafePointer<CChar>(bitPattern: Int(slot.value)), UInt64(slot.length), nil, UInt8(SQLITE_UTF8))
                    case .externalBlob:
                        sqlite3_bind_blob64(s, index, UnsafeRawPointer(bitPattern: Int(slot.value)), UInt64(slot.length), nil)
                    }
                    index += 1
                }
                let rc = sqlite3_step(s)
                let failure = rc == SQLITE_DONE ? nil : SQLiteError(rc: rc, db: statement.connection.handle, sql: statement.sql)
                // Reset while the arena is pinned: the statement is done with every bound value.
                sqlite3_reset(s)
                return failure
            }
        }
        slots.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        rowCount = 0
        if let failure { throw failure }
    }
}
