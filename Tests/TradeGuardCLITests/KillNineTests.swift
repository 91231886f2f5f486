import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` of a writer at random moments (DESIGN §8, reliability matrix F1/L4): payments with
/// idempotency keys, confirmations, and bulk seeding. After every kill `check` passes, every
/// action whose process exited 0 is present, a retry with the same key never doubles, and a
/// killed seed leaves exactly the state before it or the state after it.
///
/// `swift test` runs 130 payment kills, 50 confirmation kills, 20 kills of small seeds and 6 of
/// large ones (1,500 orders, through the rollback journal); TRADEGUARD_KILLS=N scales them in
/// the same proportions for a longer run.
@Suite struct KillNineTests {
    static let total = max(10, Int(ProcessInfo.processInfo.environment["TRADEGUARD_KILLS"] ?? "") ?? 200)
    static func share(_ percent: Int) -> Int { max(3, total * percent / 100) }

    struct Tally: CustomStringConvertible {
        var kills = 0, attempts = 0, acknowledged = 0, landedWithoutAck = 0, lost = 0, doubled = 0
        var description: String {
            "\(kills) kills in \(attempts) attempts; \(acknowledged) acknowledged, \(landedWithoutAck) landed without an acknowledgement, "
                + "lost \(lost), doubled \(doubled)"
        }
    }

    /// How long the command under test takes now, which sets the kill delay. It follows the
    /// run: under a loaded `swift test` the calibration run can be many times slower than the
    /// runs after it (cold caches, every suite starting at once), and a delay drawn from that
    /// first figure lets nearly every command finish before its kill lands, so the test ran
    /// out of attempts before it had its kills (CI, 7 December).
    struct Pace {
        private(set) var typical: Double
        init(_ seconds: Double) { typical = max(0.005, seconds) }
        /// A full run of the same command was timed: take its duration.
        mutating func measured(_ seconds: Double) { typical = max(0.005, seconds) }
        /// The command ended before its kill: it is faster than we thought.
        mutating func finishedBeforeKill() { typical = max(0.005, typical * 0.7) }
    }

    private func doArgs(_ sandbox: Sandbox, _ words: String...) -> [String] { ["do"] + words + ["--db", sandbox.db] }

    /// Starts `arguments`, kills it with SIGKILL after a random pause in [0, spread × typical].
    private func runAndKill(_ sandbox: Sandbox, _ arguments: [String], typical: Double, spread: Double = 1.3,
                            using generator: inout SystemRandomNumberGenerator) -> RunResult {
        let child = sandbox.start(arguments)
        usleep(UInt32(Double.random(in: 0...(typical * spread), using: &generator) * 1_000_000))
        child.kill(SIGKILL)
        return child.wait()
    }

    private func checkClean(_ sandbox: Sandbox, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let check = sandbox.tg("check")
        let clean = check.status == 0 && check.stdout.hasPrefix("ok — ")
        #expect(clean, "\(what): \(check)", sourceLocation: sourceLocation)
        return clean
    }

    @Test func killNineDuringPaymentsNeverLosesOrDoublesOne() throws {
        let sandbox = try Sandbox().standardDatabase()
        // US$1,000,000 with the whole amount as advance: room for hundreds of US$1.00 payments.
        let code = try sandbox.submittedOrder(quantity: 1000, priceCents: 100_000, advanceCents: 100_000_000).text
        let store = try sandbox.openStore()
        try store.perform(.confirm, on: OrderCode(code)!, as: Sandbox.buyer)
        store.close()

        let calibration = sandbox.spawned(["do", "pay", code, "--as", "hanse", "--amount", "1.00", "--key", "calibrate"])
        #expect(calibration.status == 0, "\(calibration)")
        var pace = Pace(calibration.seconds)
        var tally = Tally()
        var acknowledged: Set<String> = ["calibrate"]
        var attempted: Set<String> = ["calibrate"]
        var generator = SystemRandomNumberGenerator()
        let wanted = Self.share(65)
        while tally.kills < wanted && tally.attempts < wanted * 4 {
            tally.attempts += 1
            let key = "kill-\(tally.attempts)"
            attempted.insert(key)
            let result = runAndKill(sandbox, doArgs(sandbox, "pay", code, "--as", "hanse", "--amount", "1.00", "--key", key),
                                    typical: pace.typical, using: &generator)
            guard result.signal == SIGKILL else {
                #expect(result.status == 0, "an unkilled payment must succeed: \(result)")
                if result.status == 0 { acknowledged.insert(key) }
                pace.finishedBeforeKill()
                continue
            }
            tally.kills += 1
            guard checkClean(sandbox, "after payment kill \(tally.kills)") else { break }
            // The payer retries with the same key: it records the payment now, or says the
            // killed attempt had already recorded it — never a second one.
            let retry = sandbox.spawned(["do", "pay", code, "--as", "hanse", "--amount", "1.00", "--key", key])
            #expect(retry.status == 0, "retry of \(key): \(retry)")
            pace.measured(retry.seconds)
            if retry.stdout.contains("was already recorded") { tally.landedWithoutAck += 1 }
            if retry.status == 0 { acknowledged.insert(key) }
        }

        let order = sandbox.orderJSON(code)
        let keys = (order["payments"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        let paid = (order["terms"] as? [String: [String: Any]])?["advance"]?["paid"] as? String
        tally.acknowledged = acknowledged.count
        tally.lost = acknowledged.subtracting(keys).count
        tally.doubled = (keys.count - Set(keys).count) + (paid == "\(keys.count).00" ? 0 : 1)
        #expect(tally.kills >= wanted, "\(tally)")
        #expect(tally.lost == 0 && tally.doubled == 0, "\(tally); paid \(paid ?? "?") for \(keys.count) keys")
        #expect(Set(keys).isSubset(of: attempted))
        // Every attempt was retried until acknowledged, so every attempted key is recorded once.
        #expect(Set(keys) == attempted, "unrecorded: \(attempted.subtracting(keys))")
        print("kill -9 payments: \(tally)")
    }

    @Test func killNineDuringConfirmationsReservesEachOrderOnce() throws {
        let sandbox = try Sandbox().standardDatabase()
        let wanted = Self.share(25)
        // US$1,250 each against a US$32,000 limit: the first 25 are covered, the rest are not.
        let codes = try (0..<(wanted * 2 + 5)).map { _ in try sandbox.submittedOrder().text }
        var pending = codes[...]
        var tally = Tally()
        var acknowledged: Set<String> = []
        var generator = SystemRandomNumberGenerator()
        let calibration = sandbox.spawned(["do", "confirm", pending.popFirst()!, "--as", "hanse"])
        #expect(calibration.status == 0, "\(calibration)")
        acknowledged.insert(codes[0])
        var pace = Pace(calibration.seconds)
        // Under load a confirmation often ends before its kill lands: draw more orders then,
        // rather than fall short of the kills this test is about.
        while tally.kills < wanted && tally.attempts < wanted * 8 {
            let code = try pending.popFirst() ?? sandbox.submittedOrder().text
            tally.attempts += 1
            let result = runAndKill(sandbox, doArgs(sandbox, "confirm", code, "--as", "hanse"), typical: pace.typical, using: &generator)
            guard result.signal == SIGKILL else {
                #expect(result.status == 0, "an unkilled confirmation must succeed: \(result)")
                if result.status == 0 { acknowledged.insert(code) }
                pace.finishedBeforeKill()
                continue
            }
            tally.kills += 1
            guard checkClean(sandbox, "after confirmation kill \(tally.kills)") else { break }
            // Confirming again: done now, or already done by the killed process — once either way.
            let retry = sandbox.spawned(["do", "confirm", code, "--as", "hanse"])
            pace.measured(retry.seconds)
            if retry.status == 0 {
                acknowledged.insert(code)
            } else {
                #expect(retry.status == 1 && retry.stderr.contains("Order \(code) was already confirmed by buyer:hanse"), "\(retry)")
                tally.landedWithoutAck += 1
                acknowledged.insert(code)
            }
        }
        tally.acknowledged = acknowledged.count
        var reserved: Int64 = 0
        for code in acknowledged {
            let order = sandbox.orderJSON(code)
            let confirms = (order["events"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "confirm" }.count
            if confirms == 0 || order["state"] as? String != "awaitingPayment" { tally.lost += 1 }
            if confirms > 1 { tally.doubled += 1 }
            let covered = (order["coverage"] as? [String: Any])?["covered"] as? String ?? "0"
            reserved += try AmountParser.parse(covered, currency: .usd, allowZero: true).minorUnits
        }
        // Orders never attempted are still waiting: nothing was confirmed that nobody asked for.
        for code in pending { #expect(sandbox.orderJSON(code)["state"] as? String == "awaitingConfirmation") }
        // The limit holds exactly the covered amounts of the confirmed orders.
        #expect(sandbox.limitJSON()["reserved"] as? String == MoneyFormat.decimal(Money(minorUnits: reserved, currency: .usd)))
        #expect(tally.kills >= wanted, "\(tally)")
        #expect(tally.lost == 0 && tally.doubled == 0, "\(tally)")
        print("kill -9 confirmations: \(tally)")
    }

    /// Every table's rows, in a canonical order: two databases with the same fingerprint hold
    /// the same data.
    /// `readWrite`: open as every `tradeguard` command does, which rolls back a journal a
    /// killed process left (a read-only open is refused while one is there).
    static func fingerprint(_ path: String, readWrite: Bool = false) throws -> [String: [String]] {
        let db = try Database(path: path, mode: readWrite ? .readWrite(create: false) : .readOnly)
        defer { db.close(checkpoint: false) }
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.text(0) }
        var result: [String: [String]] = [:]
        for table in tables {
            result[table] = try db.query("SELECT * FROM \"\(table)\"") { row in
                (0..<row.columnCount).map { "\(row.value($0))" }.joined(separator: "|")
            }.sorted()
        }
        return result
    }

    @Test func killNineDuringASeedLeavesTheStateBeforeOrAfterIt() throws {
        try killSeeds(orders: 40, seed: 7, wanted: Self.share(10), label: "seeds")
    }

    /// Seeds of 1,000 orders or more hold the file alone and write through a rollback journal
    /// (Seeder, SeedJournal). A kill at any moment must still leave the state before or after,
    /// once the journal is rolled back by the next read-write open, and the file must be back
    /// in WAL mode.
    @Test func killNineDuringALargeSeedLeavesTheStateBeforeOrAfterIt() throws {
        try killSeeds(orders: 1_500, seed: 11, wanted: max(3, Self.total * 3 / 100), label: "large seeds", readWrite: true)
    }

    /// Kills `seed --orders N` at random moments on copies of one database until `wanted`
    /// kills: each must leave exactly the state before the seed or the state after it (the
    /// same seed run to the end on a copy: the demo clock makes it repeatable), with `check`
    /// clean and the file in WAL mode. `readWrite`: fingerprint through a read-write open, as
    /// the next `tradeguard` command would (it rolls back a journal the kill left).
    private func killSeeds(orders: Int, seed: Int, wanted: Int, label: String, readWrite: Bool = false) throws {
        let template = try Sandbox().standardDatabase()
        let before = try Self.fingerprint(template.db)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: template.db + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0, "the template must be checkpointed into its main file")
        let sandbox = Sandbox()
        func fresh() throws {
            // The anchor and key go too: a copy over a newer file's anchor is a rolled-back log.
            for suffix in ["", "-wal", "-shm", "-journal", ".anchor", ".key"] where sandbox.exists(sandbox.db + suffix) {
                try FileManager.default.removeItem(atPath: sandbox.db + suffix)
            }
            try FileManager.default.copyItem(atPath: template.db, toPath: sandbox.db)
        }
        let arguments = ["seed", "--orders", String(orders), "--seed", String(seed)]
        try fresh()
        let full = sandbox.spawned(arguments)
        #expect(full.status == 0, "\(full)")
        let after = try Self.fingerprint(sandbox.db)
        #expect(after != before && (after["orders"]?.count ?? 0) == (before["orders"]?.count ?? 0) + orders)
        let again = Sandbox()
        try FileManager.default.copyItem(atPath: template.db, toPath: again.db)
        #expect(again.tg(arguments).status == 0)
        #expect(try Self.fingerprint(again.db) == after, "seeding must be repeatable for this test to mean anything")

        var pace = Pace(full.seconds)
        var tally = Tally()
        var sawBefore = 0, sawAfter = 0
        var generator = SystemRandomNumberGenerator()
        while tally.kills < wanted && tally.attempts < wanted * 4 {
            tally.attempts += 1
            try fresh()
            let result = runAndKill(sandbox, arguments + ["--db", sandbox.db], typical: pace.typical, spread: 1.0, using: &generator)
            let now = try Self.fingerprint(sandbox.db, readWrite: readWrite)
            if result.signal != SIGKILL {
                #expect(result.status == 0, "\(result)")
                tally.acknowledged += 1
                if now != after { tally.lost += 1 }
                pace.finishedBeforeKill()
                continue
            }
            tally.kills += 1
            if now == before { sawBefore += 1 } else if now == after { sawAfter += 1; tally.landedWithoutAck += 1 } else {
                let counts = now.mapValues(\.count).filter { before[$0.key]?.count != $0.value }
                Issue.record("kill \(tally.kills): neither the state before nor after the seed; tables that differ: \(counts)")
                break
            }
            guard checkClean(sandbox, "after \(label) kill \(tally.kills)") else { break }
            let probe = try Database(path: sandbox.db, mode: .readOnly)
            let mode = try probe.scalarText("PRAGMA journal_mode")
            probe.close(checkpoint: false)
            #expect(mode?.lowercased() == "wal", "after \(label) kill \(tally.kills): journal mode \(mode ?? "?")")
        }
        #expect(tally.kills >= wanted, "\(tally)")
        #expect(tally.lost == 0, "\(tally)")
        print("kill -9 \(label): \(tally); \(sawBefore) left the state before, \(sawAfter) the state after")
    }
}
