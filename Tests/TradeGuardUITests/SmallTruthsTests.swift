import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Smaller findings from a sales desk's trial, each on the screen a person sees.
struct SmallTruthsTests {
    func run(_ runner: ScriptRunner, _ text: String) throws { try runner.run(Script.parse(text, name: "t")) }

    @Test func aSlashFiltersTheQueueInViewAndRunsNothing() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        let before = try store.db.read { try store.db.scalarInt("SELECT max(id) FROM events") }
        // Pre-delivery, then "/" and keys that would run commands if "/" were refused.
        try run(runner, "key 6\nkey /\ntype \"-tPy\"")
        #expect(app.workspace?.tab == .predelivery)
        #expect(app.workspace?.filterEditor?.text == "-tPy")
        #expect(try store.db.read { try store.db.scalarInt("SELECT max(id) FROM events") } == before, "a key ran a command")
        // A dashboard has no list of its own: there "/" searches every order, in the Orders tab.
        try run(runner, "key Esc\nkey 2\nkey /\ntype \"-tPy\"")
        #expect(app.workspace?.tab == .orders)
        #expect(app.workspace?.filterEditor?.text == "-tPy")
        #expect(try store.db.read { try store.db.scalarInt("SELECT max(id) FROM events") } == before, "a key ran a command")
    }

    @Test func aQueueFiltersByUnaccentedNamesAndClearsBack() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        try run(runner, "key 6")
        let whole = try #require(app.workspace?.currentList?.total)
        try run(runner, "key /\ntype \"yildiz\"\nkey Enter\nexpect \"filter: yildiz\"")
        let list = try #require(app.workspace?.currentList)
        #expect(list.total > 0 && list.total < whole)
        for index in 0..<list.total {
            let row = try #require(list.row(at: index))
            #expect(row.buyerName.hasPrefix("Yıldız") && [.advancePaid, .inProduction, .readyToShip].contains(row.state))
        }
        #expect(runner.terminal.screen.text.contains("Yıldız Ev"))
        try run(runner, "key Esc")
        #expect(app.workspace?.tab == .predelivery && app.workspace?.currentList?.total == whole)
    }

    @Test func thePickerShowsHandlesAndEscGoesBackWhereYouWere() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        try run(runner, "key 7\nkey j j j")
        let selected = app.workspace?.currentList?.selected
        try run(runner, "cmd party.switch\nexpect \"Choose who to act as\"\nexpect \"hanse-kuechen\"\nexpect \"boutique-elegance\"")
        try run(runner, "key Esc\nexpect \"Seller · Shenzhen Bright\"")
        #expect(app.workspace?.tab == .orders)
        #expect(app.workspace?.currentList?.selected == selected)
    }

    @Test func aLongChoiceRowKeepsTheChosenOptionOnScreen() {
        let items = ChecklistItem.allCases.map(\.rawValue)
        for selected in items.indices {
            let (text, column) = FieldText.choices(items, selected: selected, width: 50)
            #expect(DisplayWidth.of(text) <= 50, "\(text)")
            #expect(text.contains("[\(items[selected])]"), "\(text)")
            #expect(column < 50)
        }
        let (last, _) = FieldText.choices(items, selected: items.count - 1, width: 50)
        #expect(last.hasPrefix("‹ ") && !last.hasSuffix(" ›"))
        let (first, _) = FieldText.choices(items, selected: 0, width: 50)
        #expect(!first.hasPrefix("‹") && first.hasSuffix(" ›"))
    }

    @Test func anAmountTooWideForItsColumnIsAbbreviatedNeverCut() {
        let big = Money(minorUnits: 124_999_998_800, currency: .usd)   // US$1,249,999,988.00
        #expect(MoneyText.compact(big) == "≈US$1.25bn")
        #expect(MoneyText.compact(Money(minorUnits: 4_271_250, currency: .eur)) == "≈€42.71k")
        #expect(MoneyText.compact(Money(minorUnits: 99_900, currency: .usd)) == "US$999.00")
    }

    @Test func aSuspendedSupplierIsNotOfferedToDraftWith() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "hanse-kuechen", rows: 30, cols: 200)
        try run(runner, "key 3\nkey +\nexpect \"New contract\"")
        guard case let .contract(form)? = app.overlay else { Issue.record("no form"); return }
        let names = form.counterparties.map(\.handle.value)
        #expect(!names.contains("saigon-furniture"), "a suspended supplier is offered: \(names)")
        #expect(names.contains("shenzhen-bright"))
    }
}
