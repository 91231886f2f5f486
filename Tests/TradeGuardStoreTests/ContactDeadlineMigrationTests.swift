import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Version 4 recomputes the deadline columns of orders whose buyer contact was logged late,
/// which the earlier derivation kept "overdue" for good (issue 19): `check` is clean after it.
struct ContactDeadlineMigrationTests {
    @Test func anOldDatabaseWithALateContactChecksCleanAfterUpgrading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-v4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        let now = Instant.parse("2026-11-27T09:30:00Z")!
        var code: OrderCode?
        do {
            let store = try Store(path: path, random: .seeded(1))
            try DemoData.build(into: store, now: now)
            let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
            let missed = try #require(orders.first { $0.contactLate(at: now) && $0.contacts.isEmpty })
            try store.perform(.logContact(note: "late"), on: missed.code, as: .party(missed.supplier, .supplier))
            code = missed.code
            // What version 3 stored: the contact deadline, passed, as the next one.
            let due = try #require(missed.lastContactDate).adding(days: 1).startUTC.secondsSinceEpoch
            try store.db.write {
                _ = try store.db.run("UPDATE orders SET next_deadline = ?, next_deadline_kind = 'contact', deadline_sort = ? WHERE id = ?",
                                     [.int(due), .int(due), .int(missed.code.number)])
                try store.db.setUserVersion(3)
            }
            let before = try store.check().faults
            #expect(before.contains { $0.contains("next deadline is stale") }, "\(before)")
            store.close()
        }
        let reopened = try Store(path: path, random: .seeded(1))
        defer { reopened.close() }
        #expect(try reopened.db.userVersion() == Store.schemaVersion)
        #expect(try reopened.check().faults == [])
        #expect(try reopened.db.scalarText("SELECT next_deadline_kind FROM orders WHERE id = ?", [.int(code!.number)]) == "shipping")
    }
}
