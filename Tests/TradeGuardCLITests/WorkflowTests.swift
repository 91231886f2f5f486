import Foundation
import Testing
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `do`, `order`, `orders`, `clock`, `sweep`, `backup`: the workflow end to end from the shell.
@Suite struct WorkflowTests {
    /// Runs `tradeguard do …` and expects success; returns stdout.
    @discardableResult
    private func act(_ sandbox: Sandbox, _ words: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = sandbox.tg(["do"] + words)
        #expect(result.status == 0, "do \(words.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    private func refused(_ sandbox: Sandbox, _ words: [String], status: Int32 = 1, _ message: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let result = sandbox.tg(["do"] + words)
        #expect(result.status == status, "do \(words.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "do \(words.joined(separator: " ")): expected «\(message)» in \(result.stderr)",
                sourceLocation: sourceLocation)
    }

    private func state(_ sandbox: Sandbox, _ code: String) -> String { sandbox.orderJSON(code)["state"] as? String ?? "?" }

    @Test func anOrderFromDraftToClosedThroughTheCommandLine() throws {
        let sandbox = try Sandbox().standardDatabase()
        let drafted = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        let code = drafted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code == "TG-0000001", "\(drafted)")

        #expect(act(sandbox, "submit", code, "--as", "acme") == "TG-0000001 submitted to the buyer; to be confirmed by 2026-12-27 09:00 UTC; now awaiting confirmation (version 2).\n")
        refused(sandbox, ["confirm", code, "--as", "acme"], "Only the buyer can confirm a contract the supplier drafted.")
        refused(sandbox, ["confirm", code, "--as", "nova"], "There is no order TG-0000001.")
        #expect(act(sandbox, "confirm", code, "--as", "hanse").contains("confirmed: US$1,344.97 covered, US$0.00 uncovered; now awaiting payment (version 3)."))
        refused(sandbox, ["confirm", code, "--as", "hanse"], "Order TG-0000001 was already confirmed by buyer:hanse at 2026-11-27T09:00:00Z.")
        #expect(sandbox.limitJSON()["reserved"] as? String == "1344.97")

        // Payments: idempotent by key, refused above what is due.
        #expect(act(sandbox, "pay", code, "--as", "hanse", "--amount", "400.00", "--key", "adv-1", "--method", "bank")
                .contains("paid US$400.00 on the advance with key adv-1; US$0.00 of it outstanding; now advance paid (version 4)."))
        #expect(act(sandbox, "pay", code, "--as", "hanse", "--amount", "400", "--key", "adv-1")
                .contains("payment key adv-1 was already recorded (US$400.00, advance); nothing new was recorded"))
        refused(sandbox, ["pay", code, "--as", "hanse", "--amount", "399.99", "--key", "adv-1"],
                "Payment key adv-1 was already used for US$400.00; a different amount needs a new key.")
        refused(sandbox, ["pay", code, "--as", "hanse", "--amount", "5,000.00"], "That is more than is due now: at most US$944.97 of the balance.")
        refused(sandbox, ["pay", code, "--as", "acme", "--amount", "1.00"], "Only the buyer can pay here.")

        act(sandbox, "start-production", code, "--as", "acme")
        act(sandbox, "log-contact", code, "--as", "acme", "--note", "Called Mr Weber about the delivery window")
        for item in ["contact", "advance", "quality", "quantities", "documents", "export", "incoterm", "destination", "shipdate"] {
            act(sandbox, "tick", code, item, "--as", "acme", "--note", "checked: \(item)")
        }
        #expect(act(sandbox, "tick", "marks", code, "--as", "acme").contains("checklist 10 of 10 done"))
        refused(sandbox, ["tick", code, "marks", "--as", "acme"], "'marks' is already ticked.")
        refused(sandbox, ["untick", code, "marks", "--as", "acme"], status: 2, "untick needs --note T.")
        #expect(act(sandbox, "untick", code, "marks", "--as", "acme", "--note", "labels misprinted").contains("checklist 9 of 10 done"))
        refused(sandbox, ["ready", code, "--as", "acme"], "Checklist incomplete: marks")
        act(sandbox, "tick", code, "marks", "--as", "acme", "--note", "relabelled")
        refused(sandbox, ["ready", code, "--as", "acme"], "The balance of US$944.97 is due before shipment and has not been paid.")

        // No --key: one is generated and printed so the payer can retry with it.
        let balance = act(sandbox, "pay", code, "--as", "hanse", "--amount", "944.97")
        let key = try #require(balance.firstMatch(of: #/with key (k-[a-z0-9]+);/#)?.1, "\(balance)")
        #expect(act(sandbox, "pay", code, "--as", "hanse", "--amount", "944.97", "--key", String(key)).contains("already recorded"))
        act(sandbox, "ready", code, "--as", "acme")

        #expect(act(sandbox, "request-extension", code, "--as", "acme", "--days", "10", "--reason", "port congestion")
                .contains("extension of 10 days requested from the buyer"))
        refused(sandbox, ["request-extension", code, "--as", "acme", "--days", "5", "--reason", "again"],
                "An extension request is already waiting for the buyer.")
        #expect(act(sandbox, "accept-extension", code, "--as", "hanse").contains("extension accepted, 10 days in total; last ship day 2026-12-27"))
        refused(sandbox, ["decline-extension", code, "--as", "hanse"], "There is no extension request to answer.")

        act(sandbox, "ship", code, "--as", "acme", "--carrier", "Maersk", "--tracking", "MAEU1234567")
        #expect(act(sandbox, "extend-receipt", code, "--as", "hanse").contains("receipt window extended to 2027-02-10 09:00 UTC"))
        refused(sandbox, ["extend-receipt", code, "--as", "hanse"], "You have already extended the receipt window once.")
        act(sandbox, "confirm-receipt", code, "--as", "hanse")
        #expect(state(sandbox, code) == "completed")

        // The protection window ends; the sweep closes the order and the limit grows.
        let nothing = sandbox.tg("sweep")
        #expect(nothing.status == 0 && nothing.stdout == "Nothing was due at 2026-11-27 09:00 UTC.\n", "\(nothing)")
        #expect(sandbox.tg("clock", "advance", "30d").stdout.contains("Clock moved to 2026-12-27 09:00 UTC."))
        let sweep = sandbox.tg("sweep")
        #expect(sweep.stdout == "TG-0000001  close\nApplied 1 timeout (clock 2026-12-27 09:00 UTC).\n", "\(sweep)")
        #expect(state(sandbox, code) == "closed")
        let limit = sandbox.limitJSON()
        #expect(limit["reserved"] as? String == "0.00" && limit["granted"] as? String == "34000.00", "\(limit)")
        #expect((limit["formula"] as? [String: Any])?["closedCount"] as? Int == 1)

        // The whole story is in the order's history and detail.
        let order = sandbox.orderJSON(code)
        let payments = try #require(order["payments"] as? [[String: Any]])
        #expect(payments.map { $0["amount"] as? String } == ["400.00", "944.97"] && payments[0]["method"] as? String == "bank")
        let checklist = try #require(order["checklist"] as? [[String: Any]])
        #expect(checklist.allSatisfy { $0["done"] as? Bool == true } && checklist.last?["note"] as? String == "relabelled")
        #expect((order["shipment"] as? [String: Any])?["tracking"] as? String == "MAEU1234567")
        #expect((order["extension"] as? [String: Any])?["acceptedDays"] as? Int == 10)
        #expect((order["coverage"] as? [String: Any])?["covered"] as? String == "1344.97")
        #expect((order["paymentLink"] as? String)?.contains("…") == true)
        let events = try #require(order["events"] as? [[String: Any]])
        #expect(events.first?["action"] as? String == "draft" && events.last?["action"] as? String == "close")
        #expect(events.filter { $0["action"] as? String == "pay-replay" }.count == 2)
        let text = sandbox.tg("order", code, "--as", "hanse")
        for fragment in ["TG-0000001  Closed", "Supplier   acme  Acme Hardware Co., Ltd.", "2. Gaskets — 10.5 kg × US$3.33 = US$34.97",
                         "Checklist (10 of 10 done)", "Shipment   Maersk, tracking MAEU1234567", "History", "buyer:hanse  confirm"] {
            #expect(text.stdout.contains(fragment), "missing «\(fragment)» in\n\(text.stdout)")
        }
        sandbox.expectClean()
    }

    @Test func staleVersionsChangeNothing() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let version = try #require(sandbox.orderJSON(code)["version"] as? Int)
        #expect(version == 2)
        act(sandbox, "confirm", code, "--as", "hanse", "--if-version", "2")
        refused(sandbox, ["pay", code, "--as", "hanse", "--amount", "10.00", "--key", "late", "--if-version", "2"],
                "Order TG-0000001 changed since you opened it (buyer:hanse confirm); it has been reloaded and nothing was overwritten.")
        let order = sandbox.orderJSON(code)
        #expect(order["version"] as? Int == 3 && (order["payments"] as? [Any])?.isEmpty == true)
        act(sandbox, "pay", code, "--as", "hanse", "--amount", "10.00", "--key", "late", "--if-version", "3")
        refused(sandbox, ["pay", code, "--as", "hanse", "--amount", "10.00", "--if-version", "0"], status: 2, "--if-version must be from 1")
        sandbox.expectClean()
    }

    @Test func changesCancellationDisputesAndRefunds() throws {
        let sandbox = try Sandbox().standardDatabase()
        let first = try sandbox.submittedOrder().text
        refused(sandbox, ["request-changes", first, "--as", "hanse"], status: 2, "request-changes needs --reason T.")
        act(sandbox, "request-changes", first, "--as", "hanse", "--reason", "Please quote FOB instead")
        #expect(sandbox.orderJSON(first)["lastReason"] as? String == "Please quote FOB instead")
        // Back in the supplier's drafts: the buyer no longer sees it.
        refused(sandbox, ["cancel", first, "--as", "hanse", "--reason", "x"], "There is no order TG-0000001.")
        act(sandbox, "cancel", first, "--as", "acme", "--reason", "Buyer went elsewhere")
        #expect(state(sandbox, first) == "cancelled")

        let second = try sandbox.submittedOrder().text
        act(sandbox, "confirm", second, "--as", "hanse")
        act(sandbox, "pay", second, "--as", "hanse", "--amount", "400.00", "--key", "d-1")
        refused(sandbox, ["cancel", second, "--as", "hanse", "--reason", "changed my mind"], "Cancel order is not possible while the order is advance paid.")
        refused(sandbox, ["dispute", second, "--as", "hanse", "--reason", "x", "--amount", "400.01"],
                "The disputed amount must be more than zero and at most what was paid, US$400.00.")
        act(sandbox, "dispute", second, "--as", "hanse", "--reason", "Samples failed the salt spray test", "--amount", "150.00")
        refused(sandbox, ["resolve", second, "--as", "hanse", "--refund", "0"], "Only the platform can")
        #expect(act(sandbox, "resolve", second, "--as", "platform", "--refund", "0").contains("dispute resolved with no refund; now advance paid"))
        act(sandbox, "dispute", second, "--as", "hanse", "--reason", "Second inspection failed too")
        #expect(act(sandbox, "resolve", second, "--as", "platform", "--refund", "150.00").contains("refund of US$150.00; now refunded"))
        #expect(sandbox.limitJSON()["reserved"] as? String == "0.00")
        sandbox.expectClean()
    }

    @Test func doRefusesMalformedCommands() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let cases: [([String], Int32, String)] = [
            ([], 2, "do needs an ACTION and an order CODE"),
            (["frobnicate", code, "--as", "hanse"], 2, "Unknown action 'frobnicate'; the actions are submit, confirm"),
            (["close", code, "--as", "platform"], 2, "'close' happens by itself when its deadline passes; 'tradeguard sweep' applies due timeouts."),
            (["confirm", "--as", "hanse"], 2, "do confirm needs an order CODE"),
            (["confirm", "TG-42", "--as", "hanse"], 2, "'TG-42' is not an order code"),
            (["confirm", code], 2, "do needs --as HANDLE"),
            (["confirm", code, "--as", "hanse", "--amount", "3"], 2, "--amount does not apply to 'confirm'."),
            (["confirm", code, "extra", "--as", "hanse"], 2, "Unexpected argument 'extra'."),
            (["pay", code, "--as", "hanse"], 2, "pay needs --amount A."),
            (["pay", code, "--as", "hanse", "--amount", "1.005"], 2, "--amount '1.005': USD amounts have at most 2 decimals."),
            (["pay", code, "--as", "hanse", "--amount", "-5"], 2, "--amount '-5': The amount must not be negative."),
            (["pay", code, "--as", "hanse", "--amount", "0"], 2, "--amount '0': The amount must be greater than zero."),
            (["pay", code, "--as", "hanse", "--amount", "5", "--method", "cash"], 2, "--method must be tt, card or bank (got 'cash')."),
            (["pay", code, "--as", "hanse", "--amount", "5", "--key", "has space"], 2, "is not a valid idempotency key"),
            (["tick", code, "--as", "acme"], 2, "do tick needs a checklist ITEM"),
            (["tick", code, "polish", "--as", "acme"], 2, "ITEM must be contact, advance, quality"),
            (["request-extension", code, "--as", "acme", "--days", "ten", "--reason", "x"], 2, "--days must be a whole number"),
            (["confirm", code, "--as", "Hanse"], 2, "--as: 'Hanse' is not a valid handle"),
            (["confirm", code, "--as", "ghost"], 1, "There is no party with the handle 'ghost'"),
            (["confirm", "TG-0000099", "--as", "hanse"], 1, "There is no order TG-0000099."),
            (["pay", code, "--as", "hanse", "--amount", "1.00"], 1, "Pay is not possible while the order is awaiting confirmation."),
            (["request-changes", code, "--as", "hanse", "--reason", "bell\u{07}"], 1, "Reason contains an invisible or control character (U+0007)."),
        ]
        for (words, status, message) in cases {
            refused(sandbox, words, status: status, message)
        }
        #expect(state(sandbox, code) == "awaitingConfirmation")
        sandbox.expectClean()
    }

    @Test func ordersListsEveryOrderOnceInCodeOrderInEveryFormat() throws {
        let sandbox = Sandbox()
        #expect(sandbox.tg("init").status == 0)
        let all = try #require(sandbox.tg("orders", "--format", "json").json as? [[String: Any]])
        let codes = all.compactMap { $0["code"] as? String }
        let total = try #require(sandbox.tg("check").stdout.firstMatch(of: #/ok — (\d+) orders/#)?.1).description
        #expect(codes.count == Int(total), "the platform sees every order")
        #expect(codes == codes.sorted() && Set(codes).count == codes.count)
        #expect(all.contains { $0["state"] as? String == "draft" && $0["initiator"] as? String == "buyer" }, "buyers' drafts included")
        for row in all {
            for key in ["total", "paid"] { #expect(row[key] is String, "amounts are strings: \(row)") }
            for key in ["code", "state", "supplier", "buyer", "currency", "total", "nextDeadline", "nextDeadlineKind", "waitingOn",
                        "covered", "uncovered", "paid", "version"] {
                #expect(row.keys.contains(key), "missing \(key) in \(row)")
            }
        }

        // One party's view: its own orders, not the other side's drafts.
        let parties = try #require(sandbox.tg("parties", "--format", "json").json as? [[String: Any]])
        let buyer = try #require(parties.first { $0["kind"] as? String == "buyer" }?["handle"] as? String)
        let mine = try #require(sandbox.tg("orders", "--as", buyer, "--format", "json").json as? [[String: Any]])
        #expect(!mine.isEmpty && mine.allSatisfy { $0["buyer"] as? String == buyer })
        #expect(mine.allSatisfy { $0["state"] as? String != "draft" || $0["initiator"] as? String == "buyer" })

        // --state: the same orders the full list holds in that state, nearest deadline first.
        let state = "awaitingPayment"
        let queue = try #require(sandbox.tg("orders", "--state", state, "--format", "json").json as? [[String: Any]])
        #expect(Set(queue.compactMap { $0["code"] as? String }) == Set(all.filter { $0["state"] as? String == state }.compactMap { $0["code"] as? String }))
        let deadlines = queue.map { $0["nextDeadline"] as? String ?? "~" }
        #expect(deadlines == deadlines.sorted())
        let badState = sandbox.tg("orders", "--state", "lost")
        #expect(badState.status == 2 && badState.stderr.contains("--state must be draft, awaitingConfirmation"))

        let csv = sandbox.tg("orders", "--format", "csv")
        #expect(csv.lines.first == "code,state,supplier,buyer,currency,total,paid,nextDeadline,nextDeadlineKind,waitingOn,covered,uncovered,version")
        #expect(csv.lines.count == codes.count + 1)
        let table = sandbox.tg("orders")
        #expect(table.lines.count == codes.count + 1 && table.lines[0].hasPrefix("CODE") && !table.stdout.contains(" \n"))
        let ghost = sandbox.tg("orders", "--as", "ghost")
        #expect(ghost.status == 1 && ghost.stderr.contains("There is no party with the handle 'ghost'"))
    }

    @Test func clockSweepAndAutoCancel() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        #expect(sandbox.tg("clock").stdout == "2026-11-27 09:00 UTC (2026-11-27T09:00:00Z) — simulated clock of a demo database.\n")
        let back = sandbox.tg("clock", "set", "2026-01-01")
        #expect(back.status == 1 && back.stderr.contains("The clock only moves forward"), "\(back)")
        for (words, message) in [(["clock", "advance", "7x"], "'7x' is not a time step"), (["clock", "set", "2026-02-30"], "February 2026 has 28 days"),
                                 (["clock", "set", "tomorrow"], "'tomorrow' is not a date"), (["clock", "rewind"], "clock takes show, advance STEP or set DATE"),
                                 (["clock", "advance"], "clock advance needs a STEP")] {
            let result = sandbox.tg(words)
            #expect(result.status == 2 && result.stderr.contains(message), "\(words): \(result)")
        }
        #expect(sandbox.tg("clock", "set", "2026-12-27T09:00:00Z").stdout.contains("Clock set to 2026-12-27 09:00 UTC."))
        #expect(sandbox.tg("sweep").stdout.hasPrefix("TG-0000001  auto-cancel\nApplied 1 timeout"))
        #expect(state(sandbox, code) == "cancelled")
        sandbox.expectClean()
    }

    @Test func checkReportsTamperingAndExitsOne() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder()
        sandbox.expectClean()
        // Someone edits the file behind the app's back (the sqlite3 shell, say).
        let shell = try Database(path: sandbox.db, mode: .readWrite(create: false))
        try shell.run("UPDATE orders SET total = total + 100 WHERE id = ?", [.int(code.number)])
        shell.close()
        let result = sandbox.tg("check")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("fault: order \(code): stored total 125100 ≠ lines 125000"), "\(result)")
        #expect(result.stderr.hasPrefix("tradeguard check: ") && result.stderr.contains("found in \(sandbox.db)"), "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func backupWritesAConsistentCopyAndNeverOverwrites() throws {
        let sandbox = try Sandbox().standardDatabase()
        _ = try sandbox.submittedOrder()
        let target = sandbox.path("copy.sqlite")
        let result = sandbox.tg("backup", target)
        #expect(result.status == 0 && result.stdout.hasPrefix("Backed up \(sandbox.db) to \(target) ("), "\(result)")
        var info = stat()
        stat(target, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        let original = sandbox.tg("check").stdout
        let copy = sandbox.tg(["check"], db: target)
        #expect(copy.status == 0 && copy.stdout == original, "\(copy)")
        #expect(sandbox.tg(["orders", "--format", "csv"], db: target).stdout == sandbox.tg("orders", "--format", "csv").stdout)

        let before = sandbox.bytes(target)
        let again = sandbox.tg("backup", target)
        #expect(again.status == 1 && again.stderr.contains("already exists; backup never overwrites"), "\(again)")
        #expect(sandbox.bytes(target) == before)
        let same = sandbox.tg("backup", sandbox.path("tg.sqlite"))
        #expect(same.status == 1)
        #expect(sandbox.tg("backup").status == 2)
    }
}
