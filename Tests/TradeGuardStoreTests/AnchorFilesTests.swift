import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The anchor and key beside a database, as files.
struct AnchorFilesTests {
    /// A database built under a temporary name and renamed into place (as `init` may build a
    /// demo) keeps its anchor when its files are moved first: `check` then has nothing to note.
    @Test func aDatabaseRenamedIntoPlaceKeepsItsAnchor() throws {
        let t = try TestStore()
        t.store.close()
        let final = t.folder.appendingPathComponent("final.sqlite").path
        try Store.moveAnchorFiles(from: t.path, to: final)
        #expect(rename(t.path, final) == 0)
        let moved = try Store(path: final, create: false, timeSource: t.clock)
        defer { moved.close() }
        let report = try moved.check()
        #expect(report.faults == [] && report.notes == [], "\(report.faults) \(report.notes)")
        #expect(!FileManager.default.fileExists(atPath: t.path + ".anchor"))
    }

    /// Two connections (two processes' worth) append their own heads; `check` verifies each.
    @Test func twoWritersAnchorTheirOwnHeads() throws {
        let t = try TestStore()
        let other = try t.secondConnection()
        let order = try t.store.draft(TestStore.contract(), counterparty: try Handle("hanse"), as: TestStore.supplier)
        _ = try other.perform(.submit, on: order.code, as: TestStore.supplier)
        _ = try t.store.perform(.confirm, on: order.code, as: TestStore.buyer)
        other.close()
        let report = try t.store.check()
        #expect(report.faults == [] && report.notes == [], "\(report.faults) \(report.notes)")
        let lines = AnchorLog.read(forDatabase: t.path).lines.map(\.sequence)
        let last = try #require(try t.store.currentHead()?.sequence)
        #expect(Set(lines) == Set(1...last), "one line per commit: \(lines)")
    }
}
