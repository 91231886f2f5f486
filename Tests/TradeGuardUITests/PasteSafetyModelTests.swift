import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The model's side of paste safety, without a terminal: what a paste does to a field, and
/// which keys may answer a question.
struct PasteIntoFieldTests {
    @Test func aOneLineFieldTurnsLineBreaksIntoSpaces() {
        let editor = LineEditor("Note: ")
        #expect(editor.edit(.paste("Pack well.\nsubmit by Monday")))
        #expect(editor.text == "Note: Pack well. submit by Monday")
    }

    @Test func remarksKeepTheirLineBreaks() {
        let editor = LineEditor("", maxLength: 2_000, allowsNewlines: true)
        editor.insert("Pack well.\nsubmit by Monday")
        #expect(editor.text == "Pack well.\nsubmit by Monday")
    }

    @Test func aPasteStopsAtTheFieldsLimitAndSaysHowMuchDidNotFit() {
        let editor = LineEditor("", maxLength: 5)
        let result = editor.insert("abcdefgh")
        #expect(editor.text == "abcde")
        #expect(result.inserted == 5 && result.cut == 3)
    }

    @Test func charactersThatMayNotBeStoredAreLeftOut() {
        let editor = LineEditor()
        editor.insert("a\u{202E}b\u{200B}c")
        #expect(editor.text == "abc")
    }
}

struct QuestionArmingTests {
    /// The seller on its Drafts tab with "Submit …?" open, as drawn but not yet shown.
    func askingToSubmit() throws -> (UIFixture.Folder, Store, AppModel, ScriptRunner) {
        let (folder, store) = try UIFixture.demo()
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: 30, cols: 100)
        try runner.run(Script.parse("key 3\n", name: "t"))
        app.handle(.character("u"))
        guard case .confirm = app.overlay else { throw TestFailure("no question after u") }
        return (folder, store, app, runner)
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }

    func draftCount(_ store: Store) throws -> Int64 {
        try store.db.read { try store.db.scalarInt("SELECT count(*) FROM orders WHERE state = 'draft'") ?? -1 }
    }

    @Test func aQuestionNotYetDrawnIsNotAnsweredByY() throws {
        let (_, store, app, _) = try askingToSubmit()
        let drafts = try draftCount(store)
        app.handle(.character("y"))
        #expect(try draftCount(store) == drafts)
        guard case .confirm = app.overlay else { Issue.record("the question went away"); return }
    }

    @Test func keysWaitingWhenTheQuestionIsDrawnAreDroppedWithANote() throws {
        let (_, store, app, _) = try askingToSubmit()
        let drafts = try draftCount(store)
        app.takeWaitingKeys = { [.character("y"), .enter] }
        #expect(app.didPresent())
        #expect(app.toast?.text.contains("2 keys typed before the question appeared were ignored") == true)
        app.handle(.character("y"))                  // now a person's answer
        #expect(try draftCount(store) == drafts - 1)
    }

    @Test func aBurstBehindAKeyIsNotAnAnswer() throws {
        let (_, store, app, _) = try askingToSubmit()
        let drafts = try draftCount(store)
        app.didPresent()
        app.takeBurst = { [.character("y"), .character("y")] }
        app.handle(.character("y"))
        #expect(try draftCount(store) == drafts)
        #expect(app.toast?.text.contains("3 keys arrived at once") == true)
        app.takeBurst = { [] }
        app.handle(.character("y"))
        #expect(try draftCount(store) == drafts - 1)
    }

    @Test func aPasteNeverAnswersAndNeverRunsAKey() throws {
        let (_, store, app, _) = try askingToSubmit()
        let drafts = try draftCount(store)
        app.didPresent()
        app.handle(.paste("y"))
        #expect(try draftCount(store) == drafts)
        app.handle(.escape)
        app.handle(.paste("u"))                      // in the list: no field, so nothing happens
        #expect(app.overlay == nil)
        #expect(app.toast?.text.contains("Pasted text ignored") == true)
    }
}
