import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Forms a sales desk can trust: nothing is saved that cannot be submitted, every problem is
/// said in full before any question, fields edit as everywhere else and say when they are
/// full, the focused field is lit, and Esc does not throw typing away on one key.
struct FormTrustTests {
    func seller(rows: Int = 24, cols: Int = 80) throws -> (UIFixture.Folder, Store, AppModel, ScriptRunner) {
        let (folder, store) = try UIFixture.demo()
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: rows, cols: cols)
        return (folder, store, app, runner)
    }

    func run(_ runner: ScriptRunner, _ text: String) throws { try runner.run(Script.parse(text, name: "t")) }

    func orderCount(_ store: Store) throws -> Int64 {
        try store.db.read { try store.db.scalarInt("SELECT count(*) FROM orders") ?? -1 }
    }

    @Test func anEmptyContractIsNotSavedAndEveryProblemIsListedInFull() throws {
        let (_, store, app, runner) = try seller()
        let before = try orderCount(store)
        try run(runner, "key 3\nkey +\nexpect \"New contract\"\nkey Enter")
        #expect(try orderCount(store) == before, "an empty form became a draft")
        guard case let .message(list)? = app.overlay else { Issue.record("no list of problems"); return }
        #expect(list.items.contains("The contract has no line items."))
        let screen = runner.terminal.screen.text
        // At 80×24 every sentence is on screen whole, wrapped where it must be.
        let flat = screen.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for item in list.items.prefix(3) {
            let words = item.split(separator: " ").joined(separator: " ")
            #expect(flat.contains(words) || flat.contains(String(words.prefix(30))), "cut: \(item)\n\(screen)")
        }
        try run(runner, "key Esc")
        guard case .contract? = app.overlay else { Issue.record("the form did not come back"); return }
    }

    @Test func aDeliveryDateInThePastIsRefusedAtSave() throws {
        let (_, store, app, runner) = try seller()
        try run(runner, "key 3\nkey i\nexpect \"Edit draft\"")
        guard case let .contract(form)? = app.overlay, let i = form.index(of: .expectedDelivery) else { Issue.record("no form"); return }
        form.fields[i].base.editor.text = "2020-01-01"
        let version = try store.order(OrderCode("TG-0000048")!).version
        try app.saveContract(form)
        guard case let .message(list)? = app.overlay else { Issue.record("saved a past delivery date"); return }
        #expect(list.items.contains { $0.contains("2020-01-01") })
        #expect(try store.order(OrderCode("TG-0000048")!).version == version)
    }

    @Test func submittingAnIncompleteDraftListsWhyBeforeAnyQuestion() throws {
        let (_, store, app, runner) = try seller()
        // An incomplete draft, as an import through the command line may leave one.
        var contract = try store.order(OrderCode("TG-0000048")!).contract
        contract.destination = ""
        try store.perform(.edit(contract), on: OrderCode("TG-0000048")!, as: .party(try Handle("shenzhen-bright"), .supplier))
        try run(runner, "key 3\nkey u")
        guard case let .message(list)? = app.overlay else { Issue.record("a y/n came first"); return }
        #expect(list.items.contains("Destination must not be empty."))
        #expect(runner.terminal.screen.text.contains("Destination must not be empty."))
    }

    @Test func anOverpaymentIsRefusedInTheFormBeforeTheQuestion() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "tanaka-shoji")
        try run(runner, "key 5\nkey g\nkey p")
        guard case let .form(form)? = app.overlay else { Issue.record("no pay form"); return }
        form.fields[0].editor.text = "99999999"
        try run(runner, "key Enter")
        guard case .form? = app.overlay else { Issue.record("a question came before the refusal"); return }
        #expect(form.fields[0].error?.hasPrefix("At most ") == true, "\(form.fields[0].error ?? "no error")")
    }

    @Test func aFullFieldSaysSoAndAReasonTakesWhatTheDomainStores() throws {
        let editor = LineEditor("", maxLength: 3)
        var field = FormModel.Field(label: "Unit", kind: .text(required: true), editor: editor)
        for c in "abcd" { field.apply(.character(c)) }
        #expect(editor.text == "abc")
        #expect(field.error == "This field holds at most 3 characters.")
        let reason = FormModel.field("Reason", .text(required: true), maxLength: 1000)
        reason.editor.insert(String(repeating: "r", count: 1000))
        #expect(reason.editor.text.count == 1000)
    }

    @Test func fieldsEditLikeEveryOtherTextField() {
        let e = LineEditor("abc")
        e.edit(.left); e.edit(.left); e.edit(.character("X"))
        #expect(e.text == "aXbc")
        e.edit(.delete)
        #expect(e.text == "aXc")
        e.edit(.home); e.edit(.character(">"))
        #expect(e.text == ">aXc")
        e.edit(.end); e.edit(.character("!"))
        #expect(e.text == ">aXc!")
        let words = LineEditor("pallet labels per spec")
        words.edit(.control("w"))
        #expect(words.text == "pallet labels per ")
        words.edit(.control("a")); words.edit(.right); words.edit(.control("k"))
        #expect(words.text == "p")
        words.edit(.control("e")); words.edit(.control("u"))
        #expect(words.text == "")
    }

    @Test func aLongValueScrollsToKeepTheCursorInView() {
        let e = LineEditor(String(repeating: "x", count: 50) + "END")
        let (shown, column) = e.window(width: 20)
        #expect(shown.hasSuffix("END"))
        #expect(column <= 19)
        e.edit(.home)
        #expect(e.window(width: 20).text.hasPrefix("xxxx") && e.window(width: 20).cursorColumn == 0)
    }

    @Test func theFocusedFieldIsLit() throws {
        let (_, _, app, runner) = try seller()
        try run(runner, "key 3\nkey i\nexpect \"Edit draft\"\nkey Tab")
        guard case let .contract(form)? = app.overlay else { Issue.record("no form"); return }
        let screen = runner.terminal.screen
        let label = form.fields[form.focus].base.label
        let row = try #require((0..<screen.rows).first { screen.line($0).hasPrefix(" " + label) })
        #expect(screen.roleLine(row)[2] == .selected)
        let other = try #require((0..<screen.rows).first { $0 != row && screen.line($0).hasPrefix(" Kind") })
        #expect(screen.roleLine(other)[2] != .selected)
    }

    @Test func escapeOnAFilledFormAsksOnceMore() throws {
        let (_, _, app, runner) = try seller()
        try run(runner, "key 3\nkey +\nexpect \"New contract\"\nkey Tab Tab Tab\ntype \"LED panels\"\nkey Esc")
        guard case let .contract(form)? = app.overlay else { Issue.record("one Esc threw the typing away"); return }
        #expect(form.message?.contains("Press Esc again") == true)
        try run(runner, "key Esc")
        #expect(app.overlay == nil)
        // An untouched form closes on one Esc.
        try run(runner, "key +\nexpect \"New contract\"\nkey Esc")
        #expect(app.overlay == nil)
    }
}
