import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Two people of one supplier edit the same draft in two apps, each on its own connection to
/// the file (reliability matrix L3): the second save is refused with who saved and what they
/// changed, the second person's typing is kept, and only a deliberate second Enter replaces
/// the first person's terms.
struct TwoEditorsTests {
    @Test func theSecondSaveIsRefusedWithWhatChangedAndKeepsTheInput() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let otherStore = try Store(path: store.path, create: false, random: .seeded(9))
        defer { otherStore.close() }
        let (_, first) = try UIFixture.app(store, as: "shenzhen-bright")
        let (_, second) = try UIFixture.app(otherStore, as: "shenzhen-bright")
        func run(_ runner: ScriptRunner, _ text: String) throws { try runner.run(Script.parse(text, name: "two editors")) }

        // Both open the edit form on the same draft (the first in Drafts).
        try run(first, "key 3\nkey i\nexpect \"Edit draft TG-\"")
        try run(second, "key 3\nkey i\nexpect \"Edit draft TG-\"")
        guard case let .contract(firstForm)? = first.app.overlay, case let .contract(secondForm)? = second.app.overlay,
              case let .edit(code, version) = firstForm.mode, case .edit(code, version) = secondForm.mode else {
            Issue.record("both must edit the same draft at the same version")
            return
        }
        let before = try store.order(code)

        // The first changes the remarks and saves.
        try run(first, "key S-Tab\ntype \" · first\"\nkey Enter\nexpect \"Edit draft: done\"")
        #expect(try store.order(code).contract.remarks == before.contract.remarks + " · first")

        // The second, who opened it before that save, changes the remarks too and saves:
        // refused, with who saved and what they changed, on screen.
        try run(second, "key S-Tab\ntype \" · second\"\nkey Enter")
        let screen = second.terminal.screen.text
        let words = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let message = "Draft \(code) was saved by someone else since you opened it (supplier:shenzhen-bright edit): they changed the remarks. "
            + "Nothing was overwritten and your text is kept: press Enter to save it over theirs, or Esc to keep theirs."
        #expect(words.contains(message), "\(screen)")
        guard case let .contract(kept)? = second.app.overlay else {
            Issue.record("the second person's form was closed: \(screen)")
            return
        }
        #expect(kept === secondForm && kept.message == message)
        #expect(kept.value(.remarks) == before.contract.remarks + " · second", "the typed text must be kept")
        let stored = try store.order(code)
        #expect(stored.contract.remarks == before.contract.remarks + " · first", "the refused save overwrote the first")
        #expect(stored.version == version + 1)

        // Told what changed, the second person saves deliberately: their text replaces it now.
        try run(second, "key Enter\nexpect \"Edit draft: done\"")
        let final = try store.order(code)
        #expect(final.contract.remarks == before.contract.remarks + " · second")
        #expect(final.version == version + 2)
        #expect(try store.check().faults == [])
    }
}
