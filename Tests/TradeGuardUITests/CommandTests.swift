import Testing
@testable import TradeGuardUI

struct KeyBindingTests {
    let registry = CommandRegistry(AppCommands.all)

    @Test func overridesRebindKeys() throws {
        let custom = try registry.overriding(with: "# my keys\nnav.down = J Down\n\nquit = C-q  # no more Q\n", file: "keys.conf")
        #expect(custom.command(named: "nav.down")?.keys == [.character("J"), .down])
        #expect(custom.command(for: .control("q"), in: .list)?.id == "quit")
        #expect(custom.command(for: .character("Q"), in: .list) == nil)
    }

    @Test(arguments: [
        ("nav.down", "keys.conf:1: expected 'command = key key…'"),
        ("nav.sideways = x", "keys.conf:1: unknown command 'nav.sideways'"),
        ("nav.down = Hyper-j", "keys.conf:1: unknown key 'Hyper-j'"),
        ("nav.down = s", "keys.conf:1: key 's' is already bound to sort.cycle"),
        ("\n\nhelp = Q", "keys.conf:3: key 'Q' is already bound to quit"),
    ])
    func mistakesNameFileAndLine(_ text: String, _ message: String) {
        #expect(throws: KeyBindingError.self) { try registry.overriding(with: text, file: "keys.conf") }
        do { _ = try registry.overriding(with: text, file: "keys.conf") } catch { #expect(error.description == message) }
    }

    @Test func everyCommandHasAUniqueNameAndKeysDoNotCollide() {
        let names = registry.commands.map(\.id)
        #expect(Set(names).count == names.count)
        for context in CommandContext.allCases {
            let keys = registry.commands.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
    }

    @Test func keyNamesRoundTrip() {
        for name in ["j", "G", "Down", "PgDn", "Enter", "Esc", "Tab", "S-Tab", "Space", "C-c", "F1", "/", ":"] {
            #expect(Key(name: name)?.name == name)
        }
        #expect(Key(name: "Hyper") == nil)
    }
}

struct ScriptParserTests {
    @Test func parsesEveryKindOfStep() throws {
        let script = try Script.parse("""
            # a walkthrough
            as hanse-kuechen
            key Down Down Enter
            type "TG-00\\"1"
            cmd clock.advance 7d
            caption "Why the drafter cannot confirm"
            wait 1.5
            clock advance 7d
            expect "Awaiting payment"
            snapshot after-confirm
            """, name: "walk.tgs")
        #expect(script.steps.map(\.step) == [
            .act(as: "hanse-kuechen"), .key(.down), .key(.down), .key(.enter), .type("TG-00\"1"), .command("clock.advance 7d"),
            .caption("Why the drafter cannot confirm"), .wait(1.5), .clockAdvance("7d"), .expect("Awaiting payment"), .snapshot("after-confirm"),
        ])
        #expect(script.steps.map(\.line) == [2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test(arguments: [
        ("jump 3", "w.tgs:1: unknown step 'jump' (use as, key, type, cmd, caption, wait, clock, expect, snapshot)"),
        ("key Hyper", "w.tgs:1: unknown key 'Hyper'"),
        ("\ntype hello", "w.tgs:2: expected text in double quotes"),
        ("wait soon", "w.tgs:1: 'wait' takes seconds from 0 to 600"),
        ("clock back 7d", "w.tgs:1: write 'clock advance 7d'"),
        ("expect \"a\"b\"", "w.tgs:1: a quote inside the text must be written \\\""),
        ("snapshot my shot", "w.tgs:1: 'snapshot' takes a name of letters, digits, - and _"),
        ("as", "w.tgs:1: 'as' takes one party handle"),
    ])
    func mistakesAreReportedBeforeAnythingRuns(_ text: String, _ message: String) {
        do {
            _ = try Script.parse(text, name: "w.tgs")
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }
}
