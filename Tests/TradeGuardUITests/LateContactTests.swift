import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A buyer contact logged late meets its deadline, late (issue 19): it no longer shows as
/// "contact overdue" for good, and the queues show the next real deadline, the ship date.
struct LateContactTests {
    @Test func theQueueShowsTheShipDeadlineAndTheDetailSaysContactedLate() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        // The demo's missed contact: due three days ago, nothing logged.
        let missed = try #require(orders.first { $0.contactLate(at: UIFixture.now) && $0.contacts.isEmpty && $0.supplier == DemoCast.bright })
        try store.perform(.logContact(note: "Reached the buyer at last"), on: missed.code, as: .party(missed.supplier, .supplier))
        #expect(try store.check().faults == [])
        let (_, runner) = try UIFixture.app(store, as: missed.supplier.value, rows: 40, cols: 160)
        try runner.run(Script.parse("key 7\nkey /\ntype \"\(missed.code)\"\nkey Enter", name: "t"))
        let row = runner.terminal.screen.text.split(separator: "\n").first { $0.contains(missed.code.description) } ?? ""
        #expect(row.contains("ship") && !row.contains("contact overdue"), "\(row)")
        try runner.run(Script.parse("key Enter", name: "t"))
        let detail = runner.terminal.screen.text
        #expect(detail.contains("Buyer contacted late"), "\(detail)")
        #expect(!detail.contains("Buyer contact is late") && !detail.contains("Contact buyer by"), "\(detail)")
    }
}
