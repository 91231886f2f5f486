import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The order flow by keyboard alone, through the same input path as a person, with the store
/// checked after every stage.
struct WorkflowByKeyboardTests {
    @Test func draftToClosedByKeyboard() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        let code = "TG-0000048"   // Shenzhen Bright's euro draft for Hanse Küchen
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "flow")) }
        func state() throws -> OrderState { try store.order(OrderCode(code)!).state }
        let limitBefore = try store.limitSummary(DemoCast.bright).granted

        // The seller submits from Drafts (a confirmation names the amount).
        try run("key 3\nexpect \"\(code)\"\nkey u\nexpect \"Submit \(code) for €42,712.50?\"\nkey y\nexpect \"Submit for confirmation: done\"")
        #expect(try state() == .awaitingConfirmation)

        // The buyer asks for changes with a reason.
        try run("as hanse-kuechen\nkey 4\nkey G\nexpect \"\(code)\"\nkey r\nexpect \"Request changes: \(code)\"\ntype \"Please add pallet labels\"\nkey Enter")
        #expect(try state() == .draft)
        #expect(try store.order(OrderCode(code)!).lastReason == "Please add pallet labels")

        // The seller edits the draft in the form (adds the labels to the remarks) and resubmits.
        try run("as shenzhen-bright\nkey 3\nkey i\nexpect \"Edit draft \(code)\"")
        try run("key S-Tab")   // from the first field back round to Remarks, the last
        try run("type \"Pallet labels per Hanse spec\"\nkey Enter\nexpect \"Edit draft: done\"\nkey u y")
        #expect(try store.order(OrderCode(code)!).contract.remarks.hasSuffix("Pallet labels per Hanse spec"))
        // The buyer confirms, seeing the coverage first.
        try run("as hanse-kuechen\nkey 4 G\nkey c\nexpect \"Covered by the supplier's limit\"\nkey y\nexpect \"Confirmed \(code)\"")
        #expect(try state() == .awaitingPayment)

        // The buyer pays the advance in two parts from Payments (amount prefilled with what is due).
        let due = try store.order(OrderCode(code)!).outstanding(.advance)
        try run("key 5\nkey G\nkey p\nexpect \"Advance due now: \(due)\"")
        for _ in 0..<12 { try run("key Backspace") }
        try run("type \"5000\"\nkey Enter\nexpect \"Pay €5,000.00 by T/T\"\nkey y\nexpect \"Paid €5,000.00\"")
        #expect(try store.order(OrderCode(code)!).paid(.advance) == Money(minorUnits: 500_000, currency: .eur))
        try run("key p\nkey Tab Right\nkey Enter\nkey y")
        #expect(try state() == .advancePaid)
        #expect(try store.order(OrderCode(code)!).payments.last?.method == .card)

        // The seller produces, logs the contact, works the checklist.
        try run("as shenzhen-bright\nkey 6\nkey G\nkey P\nexpect \"now in production\"")
        try run("key l\ntype \"Called Mr Weber: labels agreed\"\nkey Enter")
        // The logged contact and the received advance are their own items' evidence: eight to tick.
        #expect(try store.order(OrderCode(code)!).missingChecklistItems.count == ChecklistItem.allCases.count - 2)
        for _ in 0..<(ChecklistItem.allCases.count - 2) { try run("key t\ntype \"checked\"\nkey Enter") }
        #expect(try store.order(OrderCode(code)!).missingChecklistItems.isEmpty)
        // Ready is refused until the balance is paid, with the domain's reason.
        try run("key y\nexpect \"is due before shipment\"")

        try run("as hanse-kuechen\nkey 5\nkey G\nkey p\nkey Enter\nkey y")
        try run("as shenzhen-bright\nkey 6\nkey G\nkey y\nkey h\ntype \"DHL\"\nkey Tab\ntype \"JD0146\"\nkey Enter")
        #expect(try state() == .shipped)

        try run("as hanse-kuechen\nkey 6\nkey G\nkey R\nkey y\nexpect \"now completed\"")
        try run("clock advance 31d\nexpect \"timeout\"")
        #expect(try state() == .closed)
        #expect(try store.limitSummary(DemoCast.bright).granted.minorUnits > limitBefore.minorUnits)
        #expect(try store.check().faults == [])
        _ = app
    }

    @Test func disabledActionsExplainThemselvesAndTheHintBarShowsOnlyWhatIsPossible() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        // TG-0000031 was drafted by Shenzhen Bright and awaits Yıldız: the drafter cannot confirm.
        try runner.run(Script.parse("key 4\nkey G", name: "t"))
        let row = runner.terminal.screen.text
        if row.contains("TG-0000031") {
            try runner.run(Script.parse("key c\nexpect \"Only the buyer can confirm a contract the supplier drafted.\"", name: "t"))
        }
        #expect(!runner.terminal.screen.line(23).contains("confirm"))
        #expect(runner.terminal.screen.line(23).contains("cancel"))
    }

    @Test func aConflictFromAnotherProcessIsExplainedAndNothingIsOverwritten() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "hanse-kuechen")
        // The buyer opens the pay form for TG-0000034? No: find an order awaiting payment by Tanaka instead.
        let (_, tanaka) = try UIFixture.app(store, as: "tanaka-shoji")
        try tanaka.run(Script.parse("key 5\nkey g\nkey p", name: "t"))
        guard case let .form(form)? = tanaka.app.overlay else { Issue.record("no pay form"); return }
        // Meanwhile another process (the CLI) pays part of the same order.
        let other = try Store(path: store.path, create: false)
        try other.perform(.pay(amount: Money(minorUnits: 100, currency: .usd), method: .tt, key: try IdempotencyKey("elsewhere")),
                          on: form.code, as: .party(DemoCast.tanaka, .buyer))
        try tanaka.run(Script.parse("key Enter\nkey y", name: "t"))
        #expect(tanaka.terminal.screen.text.contains("changed since you opened it"))
        guard case .form? = tanaka.app.overlay else { Issue.record("the form was not kept"); return }
        #expect(try store.order(form.code).payments.count == 2)   // the earlier part payment and the other process's
        _ = runner
    }
}

struct ContractFormTests {
    @Test func aSellerWritesEditsAndSubmitsAContractByForm() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "form")) }
        try run("""
            key 3
            key +
            expect "New contract"
            key Right Right
            expect "[hanse-kuechen]"
            key Tab Tab Tab
            type "Steel hinges"
            key Tab
            type "100"
            key Tab Tab
            type "12.505"
            key Tab
            type "salt spray 96 h"
            key Tab Tab Tab
            type "Hamburg"
            key Tab Tab Tab Tab Tab
            type "Am Sandtorkai 1"
            key Tab Tab Tab
            type "400"
            key Enter
            expect "USD amounts have at most 2 decimals."
            expect "12.505"
            key Backspace
            expect "Total US$1,250.00 · covered US$1,250.00 · uncovered US$0.00"
            key C-n
            type "Gaskets"
            key Tab
            type "10.5"
            key Tab Tab
            type "3.33"
            expect "Total US$1,284.97"
            key Enter
            expect "Saved draft TG-0000052"
            """)
        let order = try store.order(OrderCode(number: 52))
        #expect(order.state == .draft && order.buyer == DemoCast.hanse)
        #expect(order.contract.lines.map(\.description) == ["Steel hinges", "Gaskets"])
        #expect(order.total == Money(minorUnits: 128_497, currency: .usd))   // 1,250.00 + 34.965 → 34.97

        // Edit it: the form opens with what was saved; remove the second line.
        try run("key G\nkey i\nexpect \"Edit draft TG-0000052\"\nexpect \"Gaskets\"")
        for _ in 0..<9 { try run("key Tab") }   // onto line 2's description
        try run("key C-d\nexpect \"Total US$1,250.00\"\nkey Enter\nexpect \"Edit draft: done\"")
        #expect(try store.order(OrderCode(number: 52)).contract.lines.count == 1)

        try run("key u\nkey y\nexpect \"Submit for confirmation: done\"")
        #expect(try store.order(OrderCode(number: 52)).state == .awaitingConfirmation)
        #expect(try store.check().faults == [])
        _ = app
    }
}

struct BuyerInitiatedTests {
    @Test func aBuyerDraftsTheSupplierConfirmsAndTheLinkCanBeCopied() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "hanse-kuechen", rows: 30, cols: 100)
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "buyer")) }
        // Suppliers in the form: ningbo-homeware, shenzhen-bright, yiwu-crafts (saigon-furniture
        // is suspended, so it is not offered).
        try run("""
            key 3
            key +
            expect "Supplier"
            key Right
            expect "[shenzhen-bright]"
            key Tab Tab Tab
            type "Oak bar stools"
            key Tab
            type "40"
            key Tab Tab
            type "55"
            key Tab Tab
            key Tab
            key Left Left Left Left
            expect "[DAP]"
            key Tab
            type "Hamburg"
            key Tab Tab Tab Tab Tab
            type "Am Sandtorkai 1"
            key Tab Tab Tab
            type "600"
            key Enter
            expect "Saved draft TG-0000052"
            key u y
            expect "Submit for confirmation: done"
            """)
        #expect(try store.order(OrderCode(number: 52)).initiator == .buyer)
        // The buyer cannot confirm its own draft; the supplier can.
        try run("key 4\nkey G\nkey c\nexpect \"Only the supplier can confirm a contract the buyer drafted.\"")
        try run("as shenzhen-bright\nkey 4\nkey G\nexpect \"TG-0000052\"\nkey c y\nexpect \"Confirmed TG-0000052\"")
        #expect(try store.order(OrderCode(number: 52)).state == .awaitingPayment)
        try run("as hanse-kuechen\nkey 5\nkey G\nkey L\nexpect \"https://pay.tradeguard.example/l/\"")
        #expect(try store.check().faults == [])
    }
}

/// The guaranteed-date flag (issue 21: "orders with a guaranteed dispatch or delivery date (a
/// contract flag) cannot change dispatch time or route") is set in the contract form, saved with
/// the contract, and shown to the party who confirms.
struct GuaranteedDateFormTests {
    @Test func theDrafterPromisesADateAndTheBuyerSeesIt() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = "TG-0000048"   // Shenzhen Bright's euro draft for Hanse Küchen
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: 30, cols: 100)
        // From the top, S-Tab twice: past the remarks to the flag, then Space turns it on.
        try runner.run(Script.parse("key 3\nkey i\nexpect \"Edit draft \(code)\"\nkey S-Tab S-Tab", name: "t"))
        #expect(app.render().text.contains("Guaranteed date"), "\(app.render().text)")
        try runner.run(Script.parse("key Space\nkey Enter\nexpect \"Edit draft: done\"", name: "t"))
        #expect(try store.order(OrderCode(code)!).contract.guaranteedDate)
        try runner.run(Script.parse("key u y\nas hanse-kuechen\nkey 4 G\nexpect \"\(code)\"\nkey Enter", name: "t"))
        #expect(app.render().text.contains("yes: dispatch time and route cannot change"), "\(app.render().text)")
    }
}
