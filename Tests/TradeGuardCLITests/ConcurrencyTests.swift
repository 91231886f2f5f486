import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// Several OS processes on one database file (DESIGN §8): money is never lost or counted twice,
/// nothing is silently overwritten, and `kill -9` at any moment leaves a database `check` passes.
@Suite struct ConcurrencyTests {
    private func doArgs(_ sandbox: Sandbox, _ words: String...) -> [String] { ["do"] + words + ["--db", sandbox.db] }

    @Test func sixProcessesConfirmingOneOrderMoveItOnce() throws {
        let sandbox = try Sandbox().standardDatabase()
        var reserved = 0
        for round in 1...3 {
            let code = try sandbox.submittedOrder().text   // US$1,250.00
            let children = (0..<6).map { _ in sandbox.start(doArgs(sandbox, "confirm", code, "--as", "hanse")) }
            let results = children.map { $0.wait() }
            let winners = results.filter { $0.status == 0 }
            #expect(winners.count == 1, "round \(round): \(results)")
            #expect(winners.first?.stdout.contains("confirmed: US$1,250.00 covered") == true, "\(results)")
            for loser in results where loser.status != 0 {
                #expect(loser.status == 1, "\(loser)")
                #expect(loser.stderr.contains("Order \(code) was already confirmed by buyer:hanse")
                        || loser.stderr.contains("Order \(code) changed since you opened it"), "\(loser)")
                #expect(loser.stderr.split(separator: "\n").count == 1)
            }
            reserved += 125_000
            let events = sandbox.orderJSON(code)["events"] as? [[String: Any]] ?? []
            #expect(events.filter { $0["action"] as? String == "confirm" }.count == 1)
            #expect(sandbox.limitJSON()["reserved"] as? String == MoneyFormat.decimal(Money(minorUnits: Int64(reserved), currency: .usd)))
        }
        sandbox.expectClean()
    }

    @Test func fourOrdersRaceForTheLastOfALimit() throws {
        let sandbox = try Sandbox().standardDatabase()
        #expect(sandbox.limitJSON()["available"] as? String == "32000.00")
        // Four orders of US$10,000 against US$32,000 available: one of them gets only what is left.
        let codes = try (0..<4).map { _ in try sandbox.submittedOrder(quantity: 100, priceCents: 10_000, advanceCents: 100_000).text }
        let children = codes.map { sandbox.start(doArgs(sandbox, "confirm", $0, "--as", "hanse")) }
        let results = children.map { $0.wait() }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
        let covered = codes.map { (sandbox.orderJSON($0)["coverage"] as? [String: Any])?["covered"] as? String ?? "?" }
        #expect(covered.sorted() == ["10000.00", "10000.00", "10000.00", "2000.00"], "\(covered)")
        let limit = sandbox.limitJSON()
        #expect(limit["reserved"] as? String == "32000.00" && limit["available"] as? String == "0.00" && limit["granted"] as? String == "32000.00")
        // A fifth order confirmed now is entirely uncovered, and both sides are told so.
        let fifth = try sandbox.submittedOrder(quantity: 1, priceCents: 50_000, advanceCents: 10_000).text
        let result = sandbox.tg("do", "confirm", fifth, "--as", "hanse")
        #expect(result.stdout.contains("US$0.00 covered, US$500.00 uncovered"), "\(result)")
        sandbox.expectClean()
    }

    @Test func eightProcessesRepeatingIdempotencyKeysPayEachKeyOnce() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let store = try sandbox.openStore()
        try store.perform(.confirm, on: OrderCode(code)!, as: Sandbox.buyer)
        store.close()
        let keys = (1...6).map { "key-\($0)" }
        let lanes = (0..<8).map { lane -> Child in
            let order = keys.shuffled()
            let script = "for k in \(order.joined(separator: " ")); do \"$TG\" do pay \(code) --as hanse --amount 10.00 --key \"$k\" --db \"$DB\" "
                + "|| echo \"FAILED $k\" >&2; done"
            return Spawn.start("/bin/sh", ["-c", script], environment: sandbox.environment(["TG": Binary.path, "DB": sandbox.db]),
                               folder: sandbox.folder)
        }
        let results = lanes.map { $0.wait() }
        let stdout = results.map(\.stdout).joined()
        #expect(results.allSatisfy { $0.status == 0 && !$0.stderr.contains("FAILED") }, "\(results)")
        #expect(stdout.components(separatedBy: "was already recorded").count - 1 == 8 * keys.count - keys.count, "\(stdout)")
        #expect(stdout.components(separatedBy: ": paid US$10.00 on the advance").count - 1 == keys.count, "\(stdout)")

        let order = sandbox.orderJSON(code)
        let payments = try #require(order["payments"] as? [[String: Any]])
        #expect(payments.compactMap { $0["key"] as? String }.sorted() == keys)
        #expect(payments.allSatisfy { $0["amount"] as? String == "10.00" })
        let advance = (order["terms"] as? [String: [String: Any]])?["advance"]
        #expect(advance?["paid"] as? String == "60.00" && advance?["outstanding"] as? String == "340.00")
        // The same key with another amount is refused, not recorded.
        let conflict = sandbox.tg("do", "pay", code, "--as", "hanse", "--amount", "11.00", "--key", "key-3")
        #expect(conflict.status == 1 && conflict.stderr.contains("Payment key key-3 was already used for US$10.00"), "\(conflict)")
        sandbox.expectClean()
    }

    // kill -9 during payments, confirmations and seeding: KillNineTests.

    @Test func aBusyDatabaseIsReportedAndTheGeneratedKeyIsOfferedForTheRetry() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let store = try sandbox.openStore()
        try store.perform(.confirm, on: OrderCode(code)!, as: Sandbox.buyer)
        store.close()
        // Another program holds the write lock past the 5-second busy timeout.
        let holder = try Database(path: sandbox.db, mode: .readWrite(create: false))
        try holder.execute("BEGIN IMMEDIATE")
        let pay = sandbox.start(doArgs(sandbox, "pay", code, "--as", "hanse", "--amount", "5.00"))
        let read = sandbox.tg("orders", "--format", "csv")
        #expect(read.status == 0 && read.lines.count == 2, "readers are not blocked by a writer: \(read)")
        let result = pay.wait()
        try holder.execute("ROLLBACK")
        holder.close()
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("The database is busy (another program holds it); nothing was saved — try again."), "\(result)")
        let key = try #require(result.stderr.firstMatch(of: #/use --key (k-[a-z0-9]+)\./#)?.1, "\(result)")
        let retry = sandbox.tg("do", "pay", code, "--as", "hanse", "--amount", "5.00", "--key", String(key))
        #expect(retry.status == 0 && retry.stdout.contains("paid US$5.00"), "\(retry)")
        sandbox.expectClean()
    }
}
