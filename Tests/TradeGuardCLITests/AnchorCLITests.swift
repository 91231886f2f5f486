import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17 from outside: `tradeguard anchor`, `check --head`, the anchor and key files beside
/// the database, and `check`'s exit statuses (0 clean, 1 tampered, 2 cannot read).
struct AnchorCLITests {
    private func lines(_ file: String) -> [String] {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func mode(_ file: String) -> mode_t? {
        var info = stat()
        return stat(file, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    /// A confirmed order with an advance payment made through the CLI; returns its code.
    private func paid(_ sandbox: Sandbox) throws -> String {
        let code = try sandbox.submittedOrder().text
        #expect(sandbox.tg("do", "confirm", code, "--as", "hanse").status == 0)
        let pay = sandbox.tg("do", "pay", code, "--as", "hanse", "--amount", "100.00", "--key", "adv-1")
        #expect(pay.status == 0, "\(pay)")
        return code
    }

    @Test func initCreatesAPrivateKeyAndAnAnchorWithOneLinePerCommit() throws {
        let sandbox = Sandbox()
        #expect(sandbox.tg("init", "--empty").status == 0)
        #expect(mode(sandbox.db + ".key") == 0o600)
        #expect(mode(sandbox.db + ".anchor") == 0o600)
        #expect(sandbox.bytes(sandbox.db + ".key")?.count == 32)
        #expect(lines(sandbox.db + ".anchor").count == 1)
        #expect(sandbox.tg("rate", "set", "EUR", "0.92").status == 0)
        let anchored = lines(sandbox.db + ".anchor")
        #expect(anchored.count == 2 && anchored[1].hasPrefix("2 "), "\(anchored)")
        let check = sandbox.tg("check")
        #expect(check.status == 0 && check.lines.count == 1, "no notes on a database anchored from its start: \(check)")
    }

    @Test func anchorPrintsTheHeadThatCheckHeadVerifies() throws {
        let sandbox = try Sandbox().standardDatabase()
        _ = try paid(sandbox)
        let anchor = sandbox.tg("anchor")
        #expect(anchor.status == 0, "\(anchor)")
        let kept = anchor.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = kept.split(separator: ":")
        try #require(parts.count == 2 && parts[1].count == 64, "\(kept)")
        #expect(sandbox.tg("check").stdout.contains("chain head \(parts[1])"))
        let good = sandbox.tg("check", "--head", kept)
        #expect(good.status == 0 && good.stdout.hasPrefix("ok — "), "\(good)")

        let wrongHash = "\(parts[0]):" + String(repeating: "ab", count: 32)
        let bad = sandbox.tg("check", "--head", wrongHash)
        #expect(bad.status == 1 && bad.stdout.contains("kept head: event \(parts[0]) has hash"), "\(bad)")
        let beyond = sandbox.tg("check", "--head", "999999:\(parts[1])")
        #expect(beyond.status == 1 && beyond.stdout.contains("event 999,999 is not in the audit log"), "\(beyond)")
        let malformed = sandbox.tg("check", "--head", "12")
        #expect(malformed.status == 2 && malformed.stderr.contains("--head must be SEQ:HASH"), "\(malformed)")
    }

    /// The finding, from outside: exit 1 and the sentence naming what was anchored.
    @Test func anErasedPaymentFailsCheckWithExitOne() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder()
        #expect(sandbox.tg("do", "confirm", code.text, "--as", "hanse").status == 0)
        // The sqlite3 shell of someone with the file: keeps what the payment will change…
        let shell = try Database(path: sandbox.db, mode: .readWrite(create: false))
        try shell.execute("""
            CREATE TEMP TABLE order_before AS SELECT * FROM orders WHERE id = \(code.number);
            CREATE TEMP TABLE counts_before AS SELECT * FROM order_counts;
            """)
        #expect(sandbox.tg("do", "pay", code.text, "--as", "hanse", "--amount", "100.00", "--key", "adv-1").status == 0)
        // …and erases it: the event, the payment row, the order and counters as before.
        let last = try #require(try shell.scalarInt("SELECT max(id) FROM events"))
        try shell.execute("""
            PRAGMA foreign_keys = OFF;
            DROP TRIGGER events_append_only_delete;
            DELETE FROM events WHERE id = \(last);
            DELETE FROM payments WHERE order_id = \(code.number);
            DELETE FROM orders WHERE id = \(code.number);
            INSERT INTO orders SELECT * FROM temp.order_before;
            DELETE FROM order_counts;
            INSERT INTO order_counts SELECT * FROM temp.counts_before;
            """)
        shell.close()
        let check = sandbox.tg("check")
        #expect(check.status == 1, "\(check)")
        #expect(check.stdout.contains("the audit log ends at event \(last - 1), but event \(last) was anchored on "), "\(check)")
        #expect(check.stdout.contains("trigger events_append_only_delete is missing"), "\(check)")
    }

    @Test func aMissingKeyIsSaidOnceAndIsNoFault() throws {
        let sandbox = try Sandbox().standardDatabase()
        try FileManager.default.removeItem(atPath: sandbox.db + ".key")
        let check = sandbox.tg("check")
        #expect(check.status == 0 && check.stdout.hasPrefix("ok — "), "\(check)")
        #expect(check.lines.filter { $0.contains("key file") }.count == 1, "\(check)")
    }

    /// A process killed between its COMMIT and its anchor line leaves the anchor behind the log:
    /// a note, not tampering. Lines from concurrent writers may also arrive out of order.
    @Test func anAnchorBehindTheLogOrOutOfOrderIsNoFalseAlarm() throws {
        let sandbox = try Sandbox().standardDatabase()
        _ = try paid(sandbox)
        let anchor = sandbox.db + ".anchor"
        let all = lines(anchor)
        try (all.dropLast().reversed().joined(separator: "\n") + "\n").write(toFile: anchor, atomically: false, encoding: .utf8)
        let check = sandbox.tg("check")
        #expect(check.status == 0 && check.stdout.hasPrefix("ok — "), "\(check)")
        #expect(check.stdout.contains("were committed after the newest anchored head"), "\(check)")
        // An unfinished last line (a write cut short) asserts nothing either.
        let handle = try #require(FileHandle(forWritingAtPath: anchor))
        handle.seekToEndOfFile()
        handle.write(Data("99999 ab".utf8))
        try handle.close()
        #expect(sandbox.tg("check").status == 0)
    }

    /// A database from before anchoring keeps working; its first write starts the anchor.
    @Test func aLegacyDatabaseStartsItsAnchorAtItsNextWrite() throws {
        let sandbox = try Sandbox().standardDatabase()
        for suffix in [".key", ".anchor"] { try FileManager.default.removeItem(atPath: sandbox.db + suffix) }
        let before = sandbox.tg("check")
        #expect(before.status == 0 && before.stdout.contains("Nothing is anchored yet"), "\(before)")
        let code = try sandbox.submittedOrder().text
        #expect(sandbox.tg("do", "confirm", code, "--as", "hanse").status == 0)
        let after = sandbox.tg("check")
        #expect(after.status == 0 && after.stdout.contains("The anchor starts at event "), "\(after)")
        #expect(sandbox.exists(sandbox.db + ".key"))
    }

    @Test func aBackupCarriesItsAnchorAndKey() throws {
        let sandbox = try Sandbox().standardDatabase()
        _ = try paid(sandbox)
        let target = sandbox.path("copy.sqlite")
        #expect(sandbox.tg("backup", target).status == 0)
        #expect(sandbox.bytes(target + ".key") == sandbox.bytes(sandbox.db + ".key"))
        #expect(mode(target + ".anchor") == 0o600)
        let check = sandbox.tg(["check"], db: target)
        #expect(check.status == 0 && check.lines.count == 1, "\(check)")
    }

    @Test func aDatabaseThatCannotBeReadExitsTwo() throws {
        let sandbox = Sandbox()
        let garbage = sandbox.write("garbage.sqlite", String(repeating: "not a database at all. ", count: 300))
        let result = sandbox.tg(["check"], db: garbage)
        #expect(result.status == 2 && result.stderr.contains("is not a TradeGuard database"), "\(result)")
        #expect(sandbox.tg(["check"], db: sandbox.path("missing.sqlite")).status == 2)
    }
}
