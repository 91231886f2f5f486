import Foundation
import Testing
@testable import TradeGuardStore

/// Issue 19 item 6: `check` names what is damaged, and writes wait until the user decides.
@Suite struct DamageTests {
    /// Flips a bit in the last byte of the root page of an index on `orders` (a full one: a
    /// partial index may hold no entry for the one order) — a row id in its last cell — so SQLite finds rows missing from that index; returns the index's name.
    /// (Damage to a page's structure makes SQLite 3.40's check stop at "malformed" or not,
    /// depending on what the connection read first; IntegrityLocatorTests covers page numbers.)
    private func damageAnIndex(_ sandbox: Sandbox) throws -> String {
        let store = try sandbox.openStore()
        let (name, root) = try #require(try store.db.query(
            "SELECT name, rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %' ORDER BY name LIMIT 1"
        ) { ($0.text(0), Int($0.int(1))) }.first)
        let pageSize = Int(try #require(try store.db.scalarInt("PRAGMA page_size")))
        store.close()
        let handle = try #require(FileHandle(forUpdatingAtPath: sandbox.db))
        let offset = UInt64(root * pageSize - 1)
        try handle.seek(toOffset: offset)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data([byte ^ 0x01]))
        try handle.close()
        return name
    }

    @Test func checkNamesTheDamagedIndexAndWritesWaitForADecision() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let index = try damageAnIndex(sandbox)

        let check = sandbox.tg("check")
        #expect(check.status == 1, "\(check)")
        #expect(check.stdout.contains("index \(index)"), "the damaged index is not named: \(check)")

        let refused = sandbox.tg("do", "confirm", code, "--as", "hanse")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("found damage"), "\(refused)")
        #expect(refused.stderr.contains("tradeguard check --accept-damage"), "\(refused)")
        #expect(sandbox.tg("orders").status == 0, "reading stays possible")

        let accept = sandbox.tg("check", "--accept-damage")
        #expect(accept.status == 1 && accept.stdout.contains("index \(index)"), "\(accept)")
        let allowed = sandbox.tg("do", "confirm", code, "--as", "hanse")
        #expect(!allowed.stderr.contains("found damage"), "\(allowed)")
    }
}
