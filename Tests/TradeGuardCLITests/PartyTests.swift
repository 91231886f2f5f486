import Foundation
import Testing
import TradeGuardCore

/// `parties`, `party add|edit|points`, `activate`, `rate set|list`, `limits`.
@Suite struct PartyTests {
    @Test func partiesLifeCycleThroughTheCommandLine() throws {
        let sandbox = Sandbox()
        #expect(sandbox.tg("init", "--empty").status == 0)
        // A real database runs on the system clock: membership from today keeps the tenure term at 0.
        let today = SystemTimeSource().now().utcDate.iso
        let add = sandbox.tg("party", "add", "acme", "--kind", "supplier", "--name", "Acme Hardware Co., Ltd.", "--country", "cn",
                             "--email", "sales@acme.example", "--verification", "onsite", "--member-since", today)
        #expect(add.status == 0 && add.stdout.contains("Added supplier 'acme' (Acme Hardware Co., Ltd., CN)."), "\(add)")
        #expect(sandbox.tg("party", "add", "hanse", "--kind", "buyer", "--name", "Hanse Küchen GmbH", "--country", "DE",
                           "--email", "einkauf@hanse.example").status == 0)

        // Before activation: listed, no limit.
        var parties = try #require(sandbox.tg("parties", "--format", "json").json as? [[String: Any]])
        var acme = try #require(parties.first { $0["handle"] as? String == "acme" })
        #expect(acme["activated"] as? Bool == false)
        #expect((acme["limit"] as? [String: Any])?["granted"] as? String == "0.00")
        let hanse = try #require(parties.first { $0["handle"] as? String == "hanse" })
        #expect(hanse["limit"] == nil && hanse["country"] as? String == "DE" && hanse["verification"] as? String == "none")

        let activate = sandbox.tg("activate", "--as", "acme", "--on-behalf", "supplier asked by phone")
        #expect(activate.status == 0 && activate.stdout.contains("Credit protection is active for 'acme'; limit granted US$"), "\(activate)")
        let twice = sandbox.tg("activate", "--as", "acme", "--on-behalf", "again")
        #expect(twice.status == 1 && twice.stderr.contains("already active"), "\(twice)")
        let buyerActivates = sandbox.tg("activate", "--as", "hanse")
        #expect(buyerActivates.status == 2, "\(buyerActivates)")

        let edit = sandbox.tg("party", "edit", "acme", "--name", "Acme Tools", "--verification", "licence")
        #expect(edit.status == 0 && edit.stdout.contains("Updated 'acme'."), "\(edit)")
        let points = sandbox.tg("party", "points", "acme", "50")
        #expect(points.status == 0 && points.stdout.contains("50 violation points; limit granted US$0.00.")
                && points.stdout.contains("suspended"), "\(points)")
        parties = try #require(sandbox.tg("parties", "--format", "json").json as? [[String: Any]])
        acme = try #require(parties.first { $0["handle"] as? String == "acme" })
        #expect(acme["name"] as? String == "Acme Tools" && acme["verification"] as? String == "licence")
        #expect(acme["violationPoints"] as? Int == 50 && acme["suspended"] as? Bool == true && acme["activated"] as? Bool == true)
        #expect(acme["memberSince"] as? String == today)

        let table = sandbox.tg("parties")
        #expect(table.status == 0 && table.lines.first?.hasPrefix("HANDLE") == true && table.stdout.contains("Hanse Küchen GmbH"))
        #expect(!table.stdout.contains(" \n"), "no trailing spaces")

        #expect(sandbox.tg("party", "points", "acme", "0").status == 0)
        let limits = sandbox.limitJSON()
        #expect(limits["granted"] as? String == "10000.00", "5,000 activated + 5,000 licence: \(limits)")
        let formula = try #require(limits["formula"] as? [String: Any])
        #expect(formula["base"] as? String == "10000.00" && formula["memberYears"] as? Int == 0 && formula["penaltyPercent"] as? Int == 100)
        sandbox.expectClean()
    }

    @Test func partyCommandsRefuseBadInput() throws {
        let sandbox = try Sandbox().standardDatabase()
        let cases: [([String], Int32, String)] = [
            (["party"], 2, "party needs add, edit, points or tier."),
            (["party", "remove", "acme"], 2, "party takes add, edit, points or tier (got 'remove')."),
            (["party", "add", "Bad Handle", "--kind", "buyer", "--name", "X", "--country", "DE", "--email", "a@b.de"], 2, "is not a valid handle"),
            (["party", "add", "zed", "--name", "X", "--country", "DE", "--email", "a@b.de"], 2, "party add needs --kind supplier|buyer."),
            (["party", "add", "zed", "--kind", "platform", "--name", "X", "--country", "DE", "--email", "a@b.de"], 2, "there is only one platform"),
            (["party", "add", "zed", "--kind", "buyer", "--name", "X", "--country", "Germany", "--email", "a@b.de"], 1, "is not an assigned ISO 3166-1 alpha-2 country code"),
            (["party", "add", "zed", "--kind", "buyer", "--name", "X", "--country", "DE", "--email", "nobody"], 1, "is not an email address"),
            (["party", "add", "zed", "--kind", "buyer", "--name", "Bad\u{1B}[31m", "--country", "DE", "--email", "a@b.de"], 1, "Name contains an invisible or control character (U+001B)."),
            (["party", "add", "zed", "--kind", "buyer", "--name", "X", "--country", "DE", "--email", "a@b.de", "--member-since", "2026-02-30"], 2, "February 2026 has 28 days"),
            (["party", "add", "acme", "--kind", "buyer", "--name", "X", "--country", "DE", "--email", "a@b.de"], 1, "The handle 'acme' is taken."),
            (["party", "add", "zed", "--kind", "buyer", "--name", "X", "--country", "DE", "--email", "a@b.de", "--as", "acme"], 1, "Only the platform can do that."),
            (["party", "edit", "acme"], 2, "party edit needs at least one of"),
            (["party", "edit", "ghost", "--name", "G"], 1, "There is no party with the handle 'ghost'"),
            (["party", "edit", "acme", "--kind", "buyer"], 2, "--kind does not apply to 'party edit'."),
            (["party", "points", "acme"], 2, "party points needs a HANDLE and a number of points."),
            (["party", "points", "acme", "-3"], 2, "Violation points must be a whole number from 0 to 1000 (got '-3')."),
            (["party", "points", "acme", "1001"], 2, "Violation points must be from 0 to 1000 (got 1001)."),
            (["party", "points", "hanse", "3"], 1, "Only suppliers carry violation points."),
            (["activate", "--as", "ghost"], 1, "There is no party with the handle 'ghost'"),
            (["activate"], 2, "activate needs --as HANDLE"),
        ]
        for (words, status, message) in cases {
            let result = sandbox.tg(words)
            #expect(result.status == status, "\(words): \(result)")
            #expect(result.stderr.contains(message), "\(words): \(result)")
            #expect(result.stderr.split(separator: "\n").count <= 2, "\(words): \(result)")
        }
        sandbox.expectClean()
    }

    @Test func ratesAreSetByThePlatformAndListed() throws {
        let sandbox = try Sandbox().standardDatabase()
        let none = sandbox.tg("rate", "list")
        #expect(none.status == 0 && none.stdout.contains("No exchange rates are set"), "\(none)")
        let set = sandbox.tg("rate", "set", "eur", "0.92")
        #expect(set.status == 0 && set.stdout == "EUR: 0.92 per US$1, effective 2026-11-27.\n", "\(set)")
        #expect(sandbox.tg("rate", "set", "JPY", "151.3", "--date", "2026-11-01").status == 0)
        let list = sandbox.tg("rate", "list")
        let rows = list.lines.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["EUR", "0.92", "2026-11-27"]) && rows.contains(["JPY", "151.3", "2026-11-01"]), "\(list)")
        for (words, status, message) in [
            (["rate", "set", "USD", "1"], Int32(2), "USD needs no rate."),
            (["rate", "set", "XYZ", "1"], 2, "'XYZ' is not a currency TradeGuard trades in"),
            (["rate", "set", "EUR", "0"], 2, "is not a rate"),
            (["rate", "set", "EUR", "1.1234567"], 2, "is not a rate"),
            (["rate", "set", "EUR", "-1"], 2, "is not a rate"),
            (["rate", "set", "EUR", "0.9", "--date", "2026-13-01"], 2, "month 13 does not exist"),
            (["rate", "set", "EUR", "0.9", "--as", "hanse"], 1, "Only the platform can do that."),
            (["rate", "set", "EUR"], 2, "rate set needs a CURRENCY and a RATE"),
        ] {
            let result = sandbox.tg(words)
            #expect(result.status == status && result.stderr.contains(message), "\(words): \(result)")
        }
    }

    @Test func limitsExplainTheFormulaForEverySupplier() throws {
        let sandbox = try Sandbox().standardDatabase()
        let text = sandbox.tg("limits", "--as", "acme")
        #expect(text.status == 0, "\(text)")
        for fragment in ["granted        US$32,000.00", "base          US$25,000.00", "tenure         US$7,000.00",
                         "1,000 × 7 whole years as member", "penalty             × 100%"] {
            #expect(text.stdout.contains(fragment), "missing '\(fragment)': \(text.stdout)")
        }
        let all = try #require(sandbox.tg("limits", "--format", "json").json as? [[String: Any]])
        #expect(all.map { $0["supplier"] as? String } == ["acme", "brightco"])
        #expect(all[1]["status"] as? String == "notActivated" && all[1]["granted"] as? String == "0.00")
        let buyer = sandbox.tg("limits", "--as", "hanse")
        #expect(buyer.status == 1 && buyer.stderr.contains("'hanse' is a buyer; only suppliers have a limit"), "\(buyer)")
        #expect(sandbox.tg("limits", "--as", "platform", "--format", "json").status == 0)
    }
}
