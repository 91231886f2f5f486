import Foundation
import Testing

/// The keyboard never acts on its own: a paste is text for the focused field, a question is
/// answered only by a key pressed after it was drawn, Alt-x is not x. Each test reproduces a
/// finding from a sales desk's trial ("a paste once submitted a contract") in a real terminal.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct PasteSafetyTests {
    let seller = "shenzhen-bright"

    /// A demo database and the app on it as Shenzhen Bright, on its Drafts tab.
    func sellerOnDrafts(_ tmux: TmuxHarness) throws -> (bin: String, db: String) {
        guard let bin = TmuxHarness.builtProgram() else { throw TmuxHarness.Failure(description: "tradeguard binary not found") }
        let db = tmux.folder + "/demo.sqlite"
        let made = TmuxHarness.shell("\(TmuxHarness.quote(bin)) init --db \(TmuxHarness.quote(db))", mergeErrors: true)
        guard made.status == 0 else { throw TmuxHarness.Failure(description: "init failed: \(made.output)") }
        try tmux.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as \(seller)", cols: 100, rows: 30)
        try tmux.waitFor("Seller · Shenzhen Bright")
        tmux.send(keys: ["3"])
        try tmux.waitFor("row 1 of 1")
        return (bin, db)
    }

    /// The seller's orders by state, through the command line (what was really stored).
    func states(_ bin: String, _ db: String) -> [String] {
        TmuxHarness.shell("\(TmuxHarness.quote(bin)) orders --db \(TmuxHarness.quote(db)) --as \(seller) --format csv")
            .output.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
    }

    @Test func aBracketedPasteIntoRemarksIsTextAndSavesNothing() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try sellerOnDrafts(tmux)
        let before = states(bin, db)
        tmux.send(keys: ["+"])
        try tmux.waitFor("New contract")
        tmux.send(keys: ["BTab"])                    // from the first field back to the last: Remarks
        let file = tmux.folder + "/paste.txt"
        try "Pack well.\nsubmit by Monday".write(toFile: file, atomically: true, encoding: .utf8)
        tmux.tmux("load-buffer \(TmuxHarness.quote(file))")
        tmux.tmux("paste-buffer -p -t \(tmux.target)")   // -p: bracketed, as the app asked for
        let screen = try tmux.waitFor("Pack well.↵submit by Monday")
        #expect(screen.contains("New contract"), "the form is still open:\n\(screen)")
        #expect(states(bin, db) == before, "nothing was saved or submitted")
    }

    @Test func aPasteOutsideAnyFieldIsIgnoredWithANote() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try sellerOnDrafts(tmux)
        let before = states(bin, db)
        let file = tmux.folder + "/paste.txt"
        try "uy".write(toFile: file, atomically: true, encoding: .utf8)
        tmux.tmux("load-buffer \(TmuxHarness.quote(file))")
        tmux.tmux("paste-buffer -p -t \(tmux.target)")
        try tmux.waitFor("Pasted text ignored")
        #expect(states(bin, db) == before)
    }

    @Test func keysAlreadyWaitingDoNotAnswerTheQuestionAPersonsYDoes() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try sellerOnDrafts(tmux)
        #expect(states(bin, db).contains("draft"))
        tmux.type("uy")                              // one burst: the y was there before "Submit…?" was
        try tmux.waitFor("typed before the question appeared was ignored")
        #expect(states(bin, db).contains("draft"), "the draft was not submitted")
        tmux.send(keys: ["y"])                       // a person reads the question and answers
        try tmux.waitUntil("the draft submitted") { _ in !states(bin, db).contains("draft") }
    }

    @Test func aBurstWhileTheQuestionIsOpenDoesNotAnswerIt() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try sellerOnDrafts(tmux)
        tmux.send(keys: ["u"])
        try tmux.waitFor("y yes")
        tmux.type("yyyy")                            // a paste in a terminal without bracketed paste
        try tmux.waitFor("keys arrived at once")
        #expect(states(bin, db).contains("draft"))
        let file = tmux.folder + "/paste.txt"
        try "y".write(toFile: file, atomically: true, encoding: .utf8)
        tmux.tmux("load-buffer \(TmuxHarness.quote(file))")
        tmux.tmux("paste-buffer -p -t \(tmux.target)")
        try tmux.waitFor("Pasted text is not an answer")
        #expect(states(bin, db).contains("draft"))
    }

    @Test func altWithAKeyDoesNotRunTheKey() throws {
        let tmux = try TmuxHarness()
        _ = try sellerOnDrafts(tmux)
        tmux.send(keys: ["M-7"])                     // ESC 7 in one burst
        tmux.send(keys: ["j"])                       // a later key still works, and shows the Alt was read
        usleep(300_000)
        let screen = try tmux.waitFor("row 1 of 1")
        #expect(!screen.contains("by code"), "Alt-7 switched to the Orders tab:\n\(screen)")
        tmux.send(keys: ["7"])
        try tmux.waitFor("by code")
    }
}
