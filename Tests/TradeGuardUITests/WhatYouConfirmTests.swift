import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// What a party confirms is all on the screen: the remarks in the confirm dialog and the
/// detail, the logged buyer contacts, and a history in words.
struct WhatYouConfirmTests {
    let code = "TG-0000048"   // Shenzhen Bright's euro draft for Hanse Küchen

    /// The seller pastes two lines of remarks into the draft and submits it; the buyer is left
    /// on Confirmations at `rows`×`cols`.
    func remarksSubmitted(rows: Int = 24, cols: Int = 80, remarks: String) throws -> (UIFixture.Folder, Store, AppModel, ScriptRunner) {
        let (folder, store) = try UIFixture.demo()
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: rows, cols: cols)
        try runner.run(Script.parse("key 3\nkey i\nexpect \"Edit draft \(code)\"\nkey S-Tab", name: "t"))
        app.handle(.paste(remarks))
        try runner.run(Script.parse("key Enter\nexpect \"Edit draft: done\"\nkey u y", name: "t"))
        #expect(try store.order(OrderCode(code)!).contract.remarks == remarks)
        try runner.run(Script.parse("as hanse-kuechen\nkey 4 G\nexpect \"\(code)\"", name: "t"))
        return (folder, store, app, runner)
    }

    @Test func theConfirmDialogShowsTheRemarksInFull() throws {
        let long = "Pallet labels per Hanse spec.\nEvery carton is marked with the order code, the line number and the gross weight in kilograms, on two sides."
        let (_, _, _, runner) = try remarksSubmitted(remarks: long)
        try runner.run(Script.parse("key c\nexpect \"Confirm \(code)\"", name: "t"))
        let screen = runner.terminal.screen.text
        #expect(screen.contains("Remarks: Pallet labels per Hanse spec."))
        // The second paragraph, wrapped inside the dialog: every word is on screen.
        let words = long.split(whereSeparator: { $0 == " " || $0 == "\n" })
        let onScreen = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }))
        for word in words { #expect(onScreen.contains(word), "'\(word)' is not on screen:\n\(screen)") }
    }

    @Test func theDetailShowsRemarksContactsAndAHistoryInWords() throws {
        let (_, store, app, runner) = try remarksSubmitted(rows: 40, cols: 100, remarks: "Pallet labels per Hanse spec.\nCall before delivery.")
        _ = app
        // Confirm and pay, then the seller logs the contact (stored, and now shown).
        try runner.run(Script.parse("key c y\nkey 5 G\nkey p Enter y", name: "t"))
        try runner.run(Script.parse("as shenzhen-bright\nkey 6 G\nkey P\nkey l\ntype \"Called the buyer: slot 25 Jan agreed\"\nkey Enter", name: "t"))
        #expect(try store.order(OrderCode(code)!).contacts.count == 1)
        try runner.run(Script.parse("key Enter\nexpect \"\(code)\"", name: "t"))
        var all = ""
        for _ in 0..<8 {
            all += runner.terminal.screen.text
            try runner.run(Script.parse("key PgDn", name: "t"))
        }
        #expect(all.contains("Remarks"))
        #expect(all.contains("Pallet labels per Hanse spec.") && all.contains("Call before delivery."))
        #expect(all.contains("Buyer contacts"))
        #expect(all.contains("Called the buyer: slot 25 Jan agreed"))
        #expect(all.contains("Confirmed the contract  by hanse-kuechen (buyer)"))
        #expect(all.contains("Awaiting confirm → Awaiting payment"), "a state change is never cut")
        #expect(!all.contains("awaitingConfirmation"), "identifiers in the history:\n\(all)")
        #expect(!all.contains("buyer:hanse-kuechen"))
    }
}

struct TextWrapTests {
    @Test func wrapsAtSpacesKeepsLineBreaksAndCutsNothing() {
        #expect(TextWrap.lines("one two three", width: 7) == ["one two", "three"])
        #expect(TextWrap.lines("a\nb c", width: 10) == ["a", "b c"])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.lines("田中商事株式会社", width: 6) == ["田中商", "事株式", "会社"])
    }
}

struct ResubmissionDiffTests {
    @Test func aResubmittedContractShowsWhatChangedTermByTerm() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = "TG-0000048"
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: 40, cols: 120)
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "diff")) }
        try run("key 3\nkey u y")
        try run("as hanse-kuechen\nkey 4 G\nkey c\nexpect \"Confirm \(code)\"")
        #expect(!runner.terminal.screen.text.contains("Changed since"), "a first submission has nothing to compare")
        try run("key n\nkey r\ntype \"Please add pallet labels\"\nkey Enter")
        // The seller adds remarks and resubmits.
        try run("as shenzhen-bright\nkey 3\nkey i\nexpect \"Edit draft \(code)\"\nkey S-Tab")
        app.handle(.paste("Pallet labels per Hanse spec"))
        try run("key Enter\nexpect \"Edit draft: done\"\nkey u y")
        try run("as hanse-kuechen\nkey 4 G\nkey c\nexpect \"Confirm \(code)\"")
        let screen = runner.terminal.screen.text
        #expect(screen.contains("Changed since the version submitted on"), "\(screen)")
        #expect(screen.contains("Remarks: none → “Pallet labels per Hanse spec”"), "\(screen)")
    }

    @Test func differencesNameEachTerm() {
        let usd = { (cents: Int64) in Money(minorUnits: cents, currency: .usd) }
        let line = LineItem(description: "Hinges", quantity: Quantity(thousandths: 10_000), unit: "pcs", unitPrice: usd(250), quality: "", inspectionRequired: false)
        let old = Contract(kind: .custom, currency: .usd, lines: [line], incoterm: .FOB, namedPlace: "Ningbo", shippingMethod: .sea,
                           shipDate: .daysAfterAdvance(30), expectedDelivery: nil, destination: "Hamburg", freight: usd(0), insurance: usd(0),
                           advance: usd(1000), balanceDue: .beforeShipment, remarks: "")
        var new = old
        new.advance = usd(1500)
        new.lines[0].unitPrice = usd(300)
        #expect(new.differences(from: old) == [
            "Line 1 unit price: US$2.50 → US$3.00", "Advance: US$10.00 → US$15.00", "Total: US$25.00 → US$30.00",
        ])
        #expect(old.differences(from: old).isEmpty)
    }
}
