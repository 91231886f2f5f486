import Testing
@testable import TradeGuardStore

/// `check` names the table or index SQLite's page numbers point at (issue 19 item 6).
struct IntegrityLocatorTests {
    @Test func aPageNumberIsNamedByItsTableOrIndex() throws {
        let t = try TestStore()
        let (name, root) = try #require(try t.store.db.query(
            "SELECT name, rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' ORDER BY name LIMIT 1"
        ) { ($0.text(0), $0.int(1)) }.first)
        let locator = IntegrityLocator(db: t.store.db)
        let line = "On tree page \(root) cell 7: Offset 65535 out of range 3347..4092"
        #expect(locator.describe(line) == "index \(name) (page \(root)): \(line)")
        #expect(locator.describe("row 3 missing from index \(name)") == "row 3 missing from index \(name)")
        #expect(IntegrityLocator.lines(["*** in database main ***\nOn tree page 4 cell 1: x\nOn tree page 4 cell 0: y", "row 1 missing"])
                == ["On tree page 4 cell 1: x", "On tree page 4 cell 0: y", "row 1 missing"])
    }
}
