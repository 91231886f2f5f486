import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Issue 17: another program that can write the file changes a value that carries meaning —
/// through its own connection, dropping the append-only triggers where that is what it takes,
/// keeping every derived column and sum consistent so no older invariant notices. `check`
/// must fail, naming the table and the column. Every case passed `check` (or was reported
/// without naming the value) before the log carried complete decisions and `check` replayed it.
struct TamperTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let table: String
        let column: String
        let sql: String
        var testDescription: String { "\(table).\(column)" }
    }

    // Rows to tamper with, picked by state from the seeded database.
    static let closed = "(SELECT min(id) FROM orders WHERE state = 'closed')"
    static let closedEUR = "(SELECT min(id) FROM orders WHERE state = 'closed' AND currency = 'EUR')"
    static let draft = "(SELECT min(id) FROM orders WHERE state = 'draft')"
    static let cancelled = "(SELECT min(id) FROM orders WHERE state = 'cancelled')"
    static let refunded = "(SELECT min(id) FROM orders WHERE state = 'refunded')"
    static let twoPayments = "(SELECT min(order_id) FROM payments WHERE term = 'advance' GROUP BY order_id HAVING count(*) = 2)"
    static let payment = "(SELECT min(id) FROM payments WHERE order_id = \(closed))"
    static let extended = "(SELECT min(order_id) FROM extension_requests WHERE answer IS NOT NULL)"
    static let resolved = "(SELECT min(id) FROM disputes WHERE resolved_at IS NOT NULL)"
    static let line = "order_id = \(draft) AND line_no = 1"
    static let amended = "(SELECT min(order_id) FROM amendments WHERE status = 'accepted')"
    // Negotiated disputes (schema 7): one agreed, one decided by the platform, one open.
    static let agreed = "(SELECT min(id) FROM disputes WHERE outcome = 'agreed')"
    static let decided = "(SELECT min(id) FROM disputes WHERE outcome = 'decided')"
    static let negotiating = "(SELECT min(id) FROM disputes WHERE stage IS NOT NULL AND resolved_at IS NULL)"
    static let proposal = "(SELECT min(id) FROM dispute_proposals WHERE by_side = 'supplier')"
    static let evidence = "(SELECT min(id) FROM dispute_evidence)"

    static let cases: [Case] = [
        // The contract's terms on the order row, each changed alone (no derivation covers them) …
        Case(table: "orders", column: "named_place", sql: "UPDATE orders SET named_place = 'Elsewhere' WHERE id = \(closed)"),
        Case(table: "orders", column: "destination", sql: "UPDATE orders SET destination = 'A PO box' WHERE id = \(closed)"),
        Case(table: "orders", column: "remarks", sql: "UPDATE orders SET remarks = 'No claims' WHERE id = \(closed)"),
        Case(table: "orders", column: "incoterm", sql: "UPDATE orders SET incoterm = 'EXW' WHERE id = \(closed)"),
        Case(table: "orders", column: "kind", sql: "UPDATE orders SET kind = CASE kind WHEN 'rts' THEN 'custom' ELSE 'rts' END WHERE id = \(closed)"),
        Case(table: "orders", column: "expected_delivery", sql: "UPDATE orders SET expected_delivery = 20000 WHERE id = \(closed)"),
        Case(table: "orders", column: "advance", sql: "UPDATE orders SET advance = advance + 1 WHERE id = \(draft)"),
        Case(table: "orders", column: "balance_due", sql: "UPDATE orders SET balance_due = CASE balance_due WHEN 'afterShipment' THEN 'beforeShipment' ELSE 'afterShipment' END WHERE id = \(draft)"),
        Case(table: "orders", column: "ship_value", sql: "UPDATE orders SET ship_value = ship_value + 5 WHERE id = \(draft)"),
        // … the total rewritten together with what it sums, so `total = lines + freight + insurance` holds …
        Case(table: "orders", column: "freight", sql: "UPDATE orders SET freight = freight + 100, total = total + 100 WHERE id = \(draft)"),
        Case(table: "orders", column: "insurance", sql: "UPDATE orders SET insurance = insurance + 100, total = total + 100 WHERE id = \(draft)"),
        Case(table: "order_lines", column: "unit_price", sql: """
            UPDATE orders SET total = total + (SELECT quantity_milli / 1000 * 100 FROM order_lines WHERE \(line)) WHERE id = \(draft);
            UPDATE order_lines SET unit_price = unit_price + 100 WHERE \(line);
            """),
        // … times, reasons and money figures no invariant re-derives.
        Case(table: "orders", column: "created_at", sql: "UPDATE orders SET created_at = created_at - 86400 WHERE id = \(closed)"),
        Case(table: "orders", column: "confirmed_at", sql: "UPDATE orders SET confirmed_at = confirmed_at + 60 WHERE id = \(closed)"),
        Case(table: "orders", column: "received_at", sql: "UPDATE orders SET received_at = received_at - 60 WHERE id = \(closed)"),
        Case(table: "orders", column: "last_reason", sql: "UPDATE orders SET last_reason = 'Supplier fraud' WHERE id = \(cancelled)"),
        Case(table: "orders", column: "total_usd", sql: "UPDATE orders SET total_usd = total_usd + 100 WHERE id = \(closed)"),
        Case(table: "orders", column: "rate_micros", sql: "UPDATE orders SET rate_micros = rate_micros + 1 WHERE id = \(closedEUR)"),
        Case(table: "orders", column: "refunded", sql: "UPDATE orders SET refunded = refunded - 1 WHERE id = \(refunded)"),
        Case(table: "orders", column: "covered_usd", sql: """
            UPDATE orders SET covered_usd = covered_usd - 100 WHERE id = \(closed);
            UPDATE limit_ledger SET amount_usd = amount_usd - 100 WHERE order_id = \(closed);
            """),
        // Contract lines.
        Case(table: "order_lines", column: "description", sql: "UPDATE order_lines SET description = 'Gold bars' WHERE \(line)"),
        Case(table: "order_lines", column: "unit", sql: "UPDATE order_lines SET unit = 'kg' WHERE \(line)"),
        Case(table: "order_lines", column: "quality", sql: "UPDATE order_lines SET quality = 'Any' WHERE \(line)"),
        Case(table: "order_lines", column: "inspection", sql: "UPDATE order_lines SET inspection = 1 - inspection WHERE \(line)"),
        Case(table: "order_lines", column: "quantity_milli", sql: """
            UPDATE order_lines SET quantity_milli = quantity_milli + 1000 WHERE \(line);
            UPDATE orders SET total = total + (SELECT unit_price FROM order_lines WHERE \(line)) WHERE id = \(draft);
            """),
        // Payments, keeping every paid sum as it was.
        Case(table: "payments", column: "amount", sql: """
            UPDATE payments SET amount = amount + 1 WHERE id = (SELECT min(id) FROM payments WHERE order_id = \(twoPayments));
            UPDATE payments SET amount = amount - 1 WHERE id = (SELECT max(id) FROM payments WHERE order_id = \(twoPayments) AND term = 'advance');
            """),
        Case(table: "payments", column: "idempotency_key", sql: "UPDATE payments SET idempotency_key = 'renamed-key' WHERE id = \(payment)"),
        Case(table: "payments", column: "method", sql: "UPDATE payments SET method = 'card' WHERE id = \(payment)"),
        Case(table: "payments", column: "currency", sql: "UPDATE payments SET currency = 'JPY' WHERE id = \(payment)"),
        Case(table: "payments", column: "at", sql: "UPDATE payments SET at = at + 3600 WHERE id = \(payment)"),
        // What confirmation fixed.
        Case(table: "payment_links", column: "token", sql: "UPDATE payment_links SET token = 'AAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE order_id = \(closed)"),
        Case(table: "payment_links", column: "issued_at", sql: "UPDATE payment_links SET issued_at = issued_at + 1 WHERE order_id = \(closed)"),
        Case(table: "payment_terms", column: "amount", sql: "UPDATE payment_terms SET amount = amount + 1 WHERE order_id = \(closed) AND term = 'balance'"),
        Case(table: "payment_terms", column: "due", sql: "UPDATE payment_terms SET due = 'afterShipment' WHERE order_id = \(closed) AND term = 'balance'"),
        // The checklist, contacts and shipment.
        Case(table: "checklist_ticks", column: "note", sql: "UPDATE checklist_ticks SET note = 'Skipped' WHERE order_id = \(closed) AND item = 'quality'"),
        Case(table: "checklist_ticks", column: "by_party", sql: "UPDATE checklist_ticks SET by_party = 'someone-else' WHERE order_id = \(closed) AND item = 'marks'"),
        Case(table: "checklist_ticks", column: "at", sql: "UPDATE checklist_ticks SET at = at - 600 WHERE order_id = \(closed) AND item = 'export'"),
        Case(table: "contacts", column: "note", sql: "UPDATE contacts SET note = 'Never called' WHERE order_id = \(closed)"),
        Case(table: "contacts", column: "at", sql: "UPDATE contacts SET at = at - 86400 WHERE order_id = \(closed)"),
        Case(table: "shipments", column: "carrier", sql: "UPDATE shipments SET carrier = 'Nobody' WHERE order_id = \(closed)"),
        Case(table: "shipments", column: "tracking", sql: "UPDATE shipments SET tracking = 'X0' WHERE order_id = \(closed)"),
        // Extensions and disputes, answered and resolved ones included.
        Case(table: "extension_requests", column: "days", sql: "UPDATE extension_requests SET days = days + 10 WHERE order_id = \(extended)"),
        Case(table: "extension_requests", column: "answer", sql: "UPDATE extension_requests SET answer = 'declined' WHERE order_id = \(extended)"),
        Case(table: "disputes", column: "reason", sql: "UPDATE disputes SET reason = 'Changed mind' WHERE id = \(resolved)"),
        Case(table: "disputes", column: "amount", sql: "UPDATE disputes SET amount = amount - 1 WHERE id = \(resolved)"),
        Case(table: "disputes", column: "refund", sql: "UPDATE disputes SET refund = refund + 1 WHERE id = \(resolved)"),
        // Changes after confirmation (issue 21): a proposal's answer, its terms, the contract flag.
        Case(table: "amendments", column: "status", sql: "UPDATE amendments SET status = 'rejected' WHERE order_id = \(amended) AND number = 1"),
        Case(table: "amendments", column: "reason", sql: "UPDATE amendments SET reason = 'Buyer insisted' WHERE order_id = \(amended) AND number = 1"),
        Case(table: "amendments", column: "contract", sql: """
            UPDATE amendments SET contract = (SELECT payload FROM events WHERE action = 'draft' LIMIT 1) WHERE order_id = \(amended) AND number = 1
            """),
        Case(table: "orders", column: "guaranteed_date", sql: "UPDATE orders SET guaranteed_date = 1 WHERE id = \(closed)"),
        // Negotiated disputes: the claim, whose move and by when, the outcome and its points,
        // the proposals and the evidence.
        Case(table: "disputes", column: "kind",
             sql: "UPDATE disputes SET kind = CASE kind WHEN 'damaged' THEN 'not-as-agreed' ELSE 'damaged' END WHERE id = \(agreed)"),
        Case(table: "disputes", column: "stage", sql: "UPDATE disputes SET stage = 'awaiting-buyer' WHERE id = \(negotiating)"),
        Case(table: "disputes", column: "due_at", sql: "UPDATE disputes SET due_at = due_at + 86400 WHERE id = \(negotiating)"),
        Case(table: "disputes", column: "outcome", sql: "UPDATE disputes SET outcome = 'decided' WHERE id = \(agreed)"),
        Case(table: "disputes", column: "remedy", sql: "UPDATE disputes SET remedy = 'replacement' WHERE id = \(decided)"),
        Case(table: "disputes", column: "refund_due", sql: "UPDATE disputes SET refund_due = refund_due + 10 WHERE id = \(decided)"),
        Case(table: "disputes", column: "points", sql: "UPDATE disputes SET points = 0 WHERE id = \(decided)"),
        Case(table: "disputes", column: "reasoning", sql: "UPDATE disputes SET reasoning = 'The buyer lied' WHERE id = \(decided)"),
        // When it reached the platform (schema 11): moved to jump the platform's queue, or invented.
        Case(table: "disputes", column: "escalated_at", sql: "UPDATE disputes SET escalated_at = escalated_at - 86400 WHERE id = \(decided)"),
        Case(table: "disputes", column: "escalated_at", sql: "UPDATE disputes SET escalated_at = opened_at WHERE id = \(agreed)"),
        // The refund recorded as paid (schema 9): moved, its reference rewritten, or invented where none was recorded.
        Case(table: "disputes", column: "refund_paid_at", sql: "UPDATE disputes SET refund_paid_at = refund_paid_at - 86400 WHERE id = \(decided)"),
        Case(table: "disputes", column: "refund_reference", sql: "UPDATE disputes SET refund_reference = 'TT-OTHER' WHERE id = \(decided)"),
        Case(table: "disputes", column: "refund_paid_at", sql: "UPDATE disputes SET refund_paid_at = resolved_at, refund_reference = 'TT-X' WHERE id = \(agreed)"),
        Case(table: "dispute_proposals", column: "refund", sql: "UPDATE dispute_proposals SET refund = refund + 1 WHERE id = \(proposal)"),
        Case(table: "dispute_proposals", column: "remedy", sql: "UPDATE dispute_proposals SET remedy = 'replacement' WHERE id = \(proposal)"),
        Case(table: "dispute_proposals", column: "note", sql: "UPDATE dispute_proposals SET note = 'Nothing' WHERE id = \(proposal)"),
        Case(table: "dispute_proposals", column: "by_side", sql: "UPDATE dispute_proposals SET by_side = 'buyer' WHERE id = \(proposal)"),
        // Moved to another dispute (of another order): the row's own values all still agree.
        Case(table: "dispute_proposals", column: "dispute_id",
             sql: "UPDATE dispute_proposals SET dispute_id = (SELECT max(d.id) FROM disputes d WHERE d.order_id <> dispute_proposals.order_id) WHERE id = \(proposal)"),
        Case(table: "dispute_evidence", column: "dispute_id",
             sql: "UPDATE dispute_evidence SET dispute_id = (SELECT max(d.id) FROM disputes d WHERE d.order_id <> dispute_evidence.order_id) WHERE id = \(evidence)"),
        Case(table: "dispute_evidence", column: "description", sql: "UPDATE dispute_evidence SET description = 'Nothing wrong' WHERE id = \(evidence)"),
        Case(table: "dispute_evidence", column: "reference", sql: "UPDATE dispute_evidence SET reference = 'other.zip' WHERE id = \(evidence)"),
        Case(table: "dispute_evidence", column: "by_party", sql: "UPDATE dispute_evidence SET by_party = 'someone-else' WHERE id = \(evidence)"),
        Case(table: "orders", column: "protection_days", sql: "UPDATE orders SET protection_days = 60 WHERE id = \(closed)"),
        Case(table: "parties", column: "buyer_tier", sql: "UPDATE parties SET buyer_tier = 'enterprise' WHERE id = (SELECT min(id) FROM parties WHERE kind = 'buyer' AND buyer_tier = 'standard')"),
        // The limit ledger (append-only: its trigger is dropped first).
        Case(table: "limit_ledger", column: "rate_micros", sql: "UPDATE limit_ledger SET rate_micros = rate_micros + 1 WHERE order_id = \(closed) AND kind = 'reserve'"),
        Case(table: "limit_ledger", column: "at", sql: "UPDATE limit_ledger SET at = at + 1 WHERE order_id = \(closed) AND kind = 'release'"),
        Case(table: "limit_ledger", column: "event_id", sql: "UPDATE limit_ledger SET event_id = event_id - 1 WHERE order_id = \(closed) AND kind = 'reserve'"),
        // Parties, limits and rates: the formula's inputs, the granted amount with its recompute row, contact data.
        Case(table: "parties", column: "email", sql: "UPDATE parties SET email = 'attacker@evil.example' WHERE id = \(supplier)"),
        Case(table: "parties", column: "verification", sql: "UPDATE parties SET verification = 'onsite' WHERE id = (SELECT min(id) FROM parties WHERE kind = 'supplier' AND verification = 'none')"),
        Case(table: "parties", column: "member_since", sql: "UPDATE parties SET member_since = member_since - 3650 WHERE id = \(supplier)"),
        Case(table: "parties", column: "violation_points", sql: "UPDATE parties SET violation_points = violation_points + 10 WHERE id = \(supplier)"),
        Case(table: "parties", column: "activated_at", sql: "UPDATE parties SET activated_at = activated_at - 86400 WHERE id = \(supplier)"),
        Case(table: "parties", column: "name", sql: "UPDATE parties SET name = 'Someone Else Ltd' WHERE id = (SELECT min(id) FROM parties WHERE kind = 'buyer')"),
        Case(table: "limit_recomputes", column: "granted_usd", sql: """
            UPDATE parties SET granted_usd = granted_usd - 100 WHERE id = \(supplier);
            UPDATE limit_recomputes SET granted_usd = granted_usd - 100 WHERE id = (SELECT max(id) FROM limit_recomputes WHERE supplier_id = \(supplier));
            """),
        Case(table: "limit_recomputes", column: "verification", sql: "UPDATE limit_recomputes SET verification = 'onsite' WHERE id = (SELECT min(id) FROM limit_recomputes WHERE verification = 'none')"),
        Case(table: "limit_recomputes", column: "violation_points", sql: "UPDATE limit_recomputes SET violation_points = 3 WHERE id = (SELECT min(id) FROM limit_recomputes)"),
        Case(table: "limit_recomputes", column: "closed_value_usd", sql: "UPDATE limit_recomputes SET closed_value_usd = closed_value_usd + 100 WHERE id = (SELECT max(id) FROM limit_recomputes)"),
        Case(table: "exchange_rates", column: "micros_per_usd", sql: "UPDATE exchange_rates SET micros_per_usd = micros_per_usd + 1 WHERE currency = 'EUR'"),
        Case(table: "exchange_rates", column: "set_at", sql: "UPDATE exchange_rates SET set_at = set_at - 60 WHERE currency = 'JPY'"),
    ]

    static let supplier = "(SELECT min(id) FROM parties WHERE kind = 'supplier')"

    /// One seeded database for all cases (each tampers with its own copy): orders in every
    /// state, and one answered shipping extension, which the seeder never makes.
    static let base: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-tamper-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("base.sqlite").path
        let store = try! Store(path: path, timeSource: ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!), random: .seeded(3))
        _ = try! Seeder.seed(store, orders: 400, seed: 4)
        let (id, supplier, buyer) = try! store.db.query("""
            SELECT o.id, s.handle, b.handle FROM orders o JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            WHERE o.state = 'inProduction' ORDER BY o.id LIMIT 1
            """, [], row: { ($0.int(0), try Handle($0.text(1)), try Handle($0.text(2))) })[0]
        try! store.perform(.requestExtension(days: 5, reason: "Port strike"), on: OrderCode(number: id), as: .party(supplier, .supplier))
        try! store.perform(.acceptExtension, on: OrderCode(number: id), as: .party(buyer, .buyer))
        // An accepted change of the delivery address on an order known to be in production.
        var moved = try! store.order(OrderCode(number: id)).contract
        moved.destination = "Receiving dock 2"
        try! store.perform(.proposeChange(moved, routeFreight: nil, reason: "New dock"), on: OrderCode(number: id), as: .party(buyer, .buyer))
        try! store.perform(.acceptChange(number: 1), on: OrderCode(number: id), as: .party(supplier, .supplier))
        negotiateDisputes(store)
        store.close()
        return path
    }()

    /// Three shipped orders disputed through the workflow: one agreed after evidence and a
    /// counter, one decided by the platform, one open; and one buyer made enterprise.
    static func negotiateDisputes(_ store: Store) {
        let shipped = try! store.db.query("""
            SELECT o.id, s.handle, b.handle FROM orders o JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            WHERE o.state = 'shipped' ORDER BY o.id LIMIT 3
            """, [], row: { (OrderCode(number: $0.int(0)), Actor.party(try Handle($0.text(1)), .supplier), Actor.party(try Handle($0.text(2)), .buyer)) })
        let (a, supplierA, buyerA) = shipped[0]
        let currency = try! store.order(a).currency
        try! store.perform(.openDispute(kind: .notAsAgreed, remedy: .fullRefund, amount: nil, reason: "Hinges rust"), on: a, as: buyerA)
        try! store.perform(.askEvidence(note: "Photos of each hinge"), on: a, as: supplierA)
        try! store.perform(.addEvidence(description: "12 photos", reference: "rust.zip"), on: a, as: buyerA)
        try! store.perform(.counter(remedy: .partialRefund, amount: Money(minorUnits: 100, currency: currency), note: "A discount"), on: a, as: supplierA)
        try! store.perform(.agree, on: a, as: buyerA)
        let (b, supplierB, buyerB) = shipped[1]
        try! store.perform(.openDispute(kind: .notReceived, remedy: .fullRefund, amount: nil, reason: "Nothing arrived"), on: b, as: buyerB)
        try! store.perform(.counter(remedy: .replacement, amount: nil, note: "We send again"), on: b, as: supplierB)
        try! store.perform(.escalate(note: "Three months late"), on: b, as: buyerB)
        try! store.perform(.decide(remedy: .fullRefund, amount: nil, reasoning: "No proof of delivery"), on: b, as: .platform)
        try! store.perform(.recordRefund(reference: "TT-20261130-7"), on: b, as: supplierB)
        let (c, _, buyerC) = shipped[2]
        try! store.perform(.openDispute(kind: .damaged, remedy: .returnAndRefund, amount: nil, reason: "Crushed cartons"), on: c, as: buyerC)
        try! store.setBuyerTier(buyerC.handle!, to: .enterprise)
    }

    @Test func theSeededBaseIsCleanAndHasEveryKindOfRow() throws {
        let folder = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("t.sqlite").path, create: false)
        defer { store.close() }
        #expect(try store.check().faults == [])
        for (what, sql) in [("closed", Self.closed), ("closed EUR", Self.closedEUR), ("draft", Self.draft), ("cancelled", Self.cancelled),
                            ("refunded", Self.refunded), ("two advance payments", Self.twoPayments), ("answered extension", Self.extended),
                            ("resolved dispute", Self.resolved), ("agreed dispute", Self.agreed), ("decided dispute", Self.decided),
                            ("negotiating dispute", Self.negotiating), ("supplier's proposal", Self.proposal), ("evidence", Self.evidence),
                            ("accepted change", Self.amended), ("recorded refund", "(SELECT min(id) FROM disputes WHERE refund_paid_at IS NOT NULL)")] {
            #expect(try store.db.scalarInt("SELECT \(sql)") != nil, "the base has a \(what) row")
        }
    }

    @Test(arguments: cases)
    func tamperingIsNamed(_ tamper: Case) throws {
        let folder = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Another program, on its own connection, with the app's triggers out of the way.
        let other = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        try other.execute("""
            PRAGMA foreign_keys = OFF;
            DROP TRIGGER IF EXISTS limit_ledger_append_only_update;
            BEGIN;
            \(tamper.sql);
            COMMIT;
            """)
        #expect(try other.scalarInt("SELECT total_changes()") ?? 0 > 0, "the tamper found its row")
        other.close()
        let reopened = try Store(path: folder.appendingPathComponent("t.sqlite").path, create: false)
        defer { reopened.close() }
        let faults = try reopened.check().faults
        #expect(faults.contains { $0.hasPrefix("\(tamper.table) ") && $0.contains(": \(tamper.column) is ") },
                "check names \(tamper.table).\(tamper.column); it said: \(faults)")
    }

    /// A private copy of the base database: its folder, holding `t.sqlite`.
    private func copy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-tamper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.base, toPath: folder.appendingPathComponent("t.sqlite").path)
        return folder
    }
}
