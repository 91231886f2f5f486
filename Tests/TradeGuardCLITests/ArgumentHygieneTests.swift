import Foundation
import Testing
import TradeGuardCore

/// Issue 19 items 1, 3 and 7: a repeated option is refused instead of silently taking the last,
/// quoted input cannot forge a line or flood stderr, and the small findings on the way.
@Suite struct ArgumentHygieneTests {
    @Test func aRepeatedOptionOrFlagIsRefusedNamingIt() throws {
        let sandbox = try Sandbox().standardDatabase()
        let payable = try sandbox.submittedOrder().text
        let store = try sandbox.openStore()
        try store.perform(.confirm, on: OrderCode(payable)!, as: Sandbox.buyer)
        store.close()
        sandbox.expectClean()
        let before = (sandbox.bytes(sandbox.db), sandbox.bytes(sandbox.db + "-wal"))
        let cases: [([String], String)] = [
            (["do", "pay", payable, "--as", "hanse", "--amount", "1.00", "--amount", "300.00", "--key", "k1"], "--amount"),
            (["do", "pay", payable, "--as", "hanse", "--as", "acme", "--amount", "1.00", "--key", "k1"], "--as"),
            (["do", "pay", payable, "--as", "hanse", "--amount", "1.00", "--key", "k1", "--key=k2"], "--key"),
            (["do", "pay", payable, "--as", "hanse", "--amount", "1.00", "--key", "k1", "--db", sandbox.db], "--db"),
            (["init", "--empty", "--empty"], "--empty"),
        ]
        for (words, option) in cases {
            let result = sandbox.tg(words)
            #expect(result.status == 2, "\(words): \(result)")
            #expect(result.stderr.contains("\(option) is given more than once; give it once."), "\(words): \(result)")
            #expect(result.stdout.isEmpty, "\(words): \(result)")
        }
        #expect(sandbox.bytes(sandbox.db) == before.0 && sandbox.bytes(sandbox.db + "-wal") == before.1, "the database changed")
    }

    @Test func quotedInputCannotForgeALineOrFloodStderr() throws {
        let sandbox = try Sandbox().standardDatabase()
        let forged = sandbox.tg("parties", "--format", "xml\ntradeguard: all orders were refunded")
        #expect(forged.status == 2, "\(forged)")
        #expect(forged.stderr.contains("(got 'xml\\ntradeguard: all orders were refunded')"), "\(forged)")
        #expect(!forged.stderr.split(separator: "\n").contains { $0.hasPrefix("tradeguard: all orders") }, "\(forged)")

        let huge = String(repeating: "x", count: 100_000)
        let flooded = sandbox.tg("parties", "--format", huge)
        #expect(flooded.status == 2, "\(flooded)")
        #expect(flooded.stderr.contains("(got '" + String(repeating: "x", count: 80) + "…')"), "\(flooded)")
        #expect(flooded.stderr.utf8.count < 400, "\(flooded.stderr.utf8.count) bytes of stderr")

        let unknown = sandbox.raw(["frob\nnicate"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown command 'frob\\nnicate'"), "\(unknown)")
        let path = sandbox.raw(["orders", "--db", sandbox.path("x\ntradeguard: forged.sqlite")])
        #expect(path.status == 2 && path.stderr.contains("contains a control or invisible character (U+000A)"), "\(path)")
        #expect(!path.stderr.split(separator: "\n").contains { $0.hasPrefix("tradeguard: forged") }, "\(path)")
        let extra = sandbox.tg("check", huge)
        #expect(extra.status == 2 && extra.stderr.utf8.count < 400, "\(extra.stderr.utf8.count) bytes of stderr")
    }

    @Test func globalOptionsBeforeTheCommandWork() throws {
        let sandbox = try Sandbox().standardDatabase()
        let orders = sandbox.raw(["--db", sandbox.db, "orders"])
        #expect(orders.status == 0 && orders.stdout.hasPrefix("CODE"), "\(orders)")
        let asHanse = sandbox.raw(["--db=\(sandbox.db)", "--as", "hanse", "orders", "--format", "csv"])
        #expect(asHanse.status == 0 && asHanse.stdout.hasPrefix("code,"), "\(asHanse)")
        let twice = sandbox.raw(["--db", sandbox.db, "orders", "--db", sandbox.db])
        #expect(twice.status == 2 && twice.stderr.contains("--db is given more than once"), "\(twice)")
        let theme = sandbox.raw(["--theme", "dark", "--db", sandbox.db, "parties"])
        #expect(theme.status == 2 && theme.stderr.contains("--theme applies only to the full-screen app"), "\(theme)")
    }

    @Test func demoHelpPointsToADocumentTheCheckoutHas() {
        let help = Sandbox().raw(["demo", "--help"])
        #expect(help.status == 0 && !help.stdout.contains("DESIGN"), "\(help)")
        #expect(help.stdout.contains("README"), "\(help)")
    }

    /// Every row's columns start where the header's do, whatever deadline or handle a row
    /// shows: the demo data has "Confirm receipt by …" deadlines and 17-letter handles.
    @Test func theOrdersTableStaysAlignedWithALongDeadline() throws {
        let sandbox = Sandbox()
        #expect(sandbox.tg("init").status == 0)
        let table = sandbox.tg("orders")
        #expect(table.status == 0, "\(table)")
        let lines = table.lines
        let header = try #require(lines.first)
        let waiting = try #require(header.range(of: "WAITING")).lowerBound
        let column = header.distance(from: header.startIndex, to: waiting)
        for line in lines.dropFirst() {
            let cells = Array(line)
            #expect(cells.count > column && cells[column - 1] == " " && cells[column] != " ", "misaligned: \(line)")
        }
    }
}
