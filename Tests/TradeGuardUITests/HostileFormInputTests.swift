import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Hostile and mistaken input in the app's forms, in-process (DESIGN §8): each is refused with
/// a precise message on the form, the typed text is kept, and nothing is written (the audit
/// chain head and the event count are unchanged). Text that reached the database by another
/// route is drawn inert: no control, C1 or bidi character reaches the canvas.
struct HostileFormInputTests {
    static let amounts: [(String, String)] = [
        ("-5", "The amount must not be negative."),
        ("0", "The amount must be greater than zero."),
        ("5.001", "amounts have at most 2 decimals."),
        ("1e5", "Write the amount in full digits, without an exponent."),
        ("NaN", "The amount must be a number."),
        ("Infinity", "The amount must be a number."),
        ("\u{2212}5", "The amount must not be negative (a minus sign was typed)."),
        ("1,00,0", "thousands separators must group three digits, as in 1,234.50."),
        ("99999999999999999999", "The amount is too large."),
        ("", "Enter an amount."),
    ]

    static let texts: [(String, String)] = [
        ("\u{1B}[31mred", "(U+001B)."),
        ("\u{1B}]52;c;aGVsbG8=\u{07}", "(U+001B)."),
        ("nul\u{0}", "(U+0000)."),
        ("\u{9B}31m", "(U+009B)."),
        ("invoice\u{202E}fdp.exe", "(U+202E)."),
        ("ze\u{200B}ro", "(U+200B)."),
        ("a" + String(repeating: "\u{301}", count: 1_000), "has too many combining marks on one character."),
        (String(repeating: "x", count: 1 << 20), "is too long"),
    ]

    static func fingerprint(_ store: Store) throws -> (Int, [UInt8]) {
        let report = try store.check()
        return (report.events, report.chainHead)
    }

    @Test func thePayFormRefusesEveryBadAmountAndKeepsIt() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "tanaka-shoji")
        try runner.run(Script.parse("key 5\nkey g\nkey p", name: "pay"))
        guard case let .form(form)? = app.overlay else { Issue.record("no pay form"); return }
        let before = try Self.fingerprint(store)
        for (text, message) in Self.amounts {
            form.fields[0].editor.text = text
            try runner.run(Script.parse("key Enter", name: "pay"))
            guard case let .form(kept)? = app.overlay, kept === form else { Issue.record("\(text.debugDescription): the form closed"); return }
            #expect(form.fields[0].error?.contains(message) == true, "\(text.debugDescription): \(form.fields[0].error ?? "no error")")
            #expect(form.fields[0].editor.text == text, "the typed amount is kept")
            #expect(!runner.terminal.screen.text.contains("\u{1B}"))
        }
        #expect(try Self.fingerprint(store) == before, "a refused amount wrote to the database")
    }

    @Test func theContractFormRefusesHostileFieldsBeforeWriting() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        try runner.run(Script.parse("key 3\nkey i\nexpect \"Edit draft TG-\"", name: "edit"))
        guard case let .contract(form)? = app.overlay else { Issue.record("no contract form"); return }
        let before = try Self.fingerprint(store)
        var tried = 0
        func attempt(_ key: ContractFormModel.Key, _ text: String, _ message: String) throws {
            let index = try #require(form.index(of: key))
            let original = form.fields[index].base.editor.text
            form.fields[index].base.editor.text = text
            try app.saveContract(form)
            tried += 1
            var shown = (form.fields[index].base.error ?? "") + " " + (form.message ?? "")
            // Problems the whole contract has are listed over the form, which waits under them.
            if case let .message(list)? = app.overlay, case let .contract(under)? = list.returnTo, under === form {
                shown += " " + list.items.joined(separator: " ")
                app.handle(.escape)
            }
            guard case let .contract(kept)? = app.overlay, kept === form else { Issue.record("\(key): the form closed"); return }
            #expect(shown.contains(message), "\(key) = \(text.prefix(40).debugDescription): \(shown)")
            #expect(form.fields[index].base.editor.text == text, "the typed text is kept")
            _ = app.render()
            form.fields[index].base.editor.text = original
        }
        for (text, message) in Self.amounts where !text.isEmpty && text != "0" {
            try attempt(.line(0, .price), text, message)
            try attempt(.advance, text, message)
            try attempt(.freight, text, message)
        }
        for (text, message) in Self.texts {
            try attempt(.line(0, .description), text, message)
            try attempt(.namedPlace, text, message)
            try attempt(.remarks, text, message)
        }
        // Dates: the ship date as a fixed day, and the expected delivery.
        if let rule = form.index(of: .shipRule) { form.fields[rule].base.choiceIndex = 0 }
        try attempt(.shipValue, "2026-02-30", "That date does not exist: February 2026 has 28 days.")
        try attempt(.shipValue, "2026-13-01", "That date does not exist: month 13 does not exist.")
        try attempt(.expectedDelivery, "tomorrow", "'tomorrow' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27.")
        try attempt(.expectedDelivery, "0000-01-01", "The year must be between 0001 and 9999.")
        #expect(try Self.fingerprint(store) == before, "a refused save wrote to the database")
        print("hostile form input: \(tried) refused with nothing written")
    }

    /// Party names and a line description written straight into the file (another program,
    /// an import, a restored backup) with terminal escapes: every screen shows them escaped.
    @Test func hostileTextFromTheDatabaseIsDrawnInert() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let hostile = "Evil\u{1B}[31mRED\u{1B}]52;c;aGVsbG8=\u{07}\u{9B}2J\u{85}\u{202E}cba\u{200B}\u{0}" + String(repeating: "\u{301}", count: 50)
        try store.db.write {
            try store.db.run("UPDATE parties SET name = ? WHERE handle IN ('hanse-kuechen', 'shenzhen-bright')", [.text(hostile)])
            try store.db.run("UPDATE orders SET remarks = ?", [.text(hostile)])
        }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: 40, cols: 160)
        var screens = 0
        for script in ["key 1", "key 2", "key 3", "key 4\nkey Enter", "key 5", "key 6\nkey Enter", "key 3\nkey i", "key Escape\nkey ?"] {
            try runner.run(Script.parse(script, name: "inert"))
            let canvas = app.render()
            let text = canvas.text
            screens += 1
            let bad = text.unicodeScalars.filter { s in
                (s.value < 0x20 && s.value != 0x0A) || s.value == 0x7F || (0x80...0x9F).contains(s.value)
                    || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || s.value == 0x200B
            }
            #expect(bad.isEmpty, "\(script): raw \(bad.map { String($0.value, radix: 16) }) on screen")
            #expect(!text.contains(String(repeating: "\u{301}", count: 5)), "\(script): a flood of combining marks")
        }
        #expect(runner.terminal.screen.text.contains("Evil\\u{1B}[31mRED") || app.render().text.contains("\\u{1B}"),
                "the hostile name is shown, escaped")
        print("inert rendering: \(screens) screens with hostile stored text, no control character drawn")
    }
}
