import Foundation
import Testing
@testable import TradeGuardStore

/// Text that reached the database by another route (another program, an older version) must
/// reach the terminal inert: the bytes the real ncurses back end writes are recorded and must
/// not contain one escape sequence, C1 control or bidi override that came from the data.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct HostileOutputTests {
    @Test func storedEscapeSequencesNeverReachTheTerminal() throws {
        let tmux = try TmuxHarness()
        let db = tmux.folder + "/hostile.sqlite"
        try FaultTests.demoDatabase(db)
        // SGR red, OSC 52 (set the clipboard), CSI as a C1 control (U+009B), NEL (U+0085), a bidi
        // override and a zero-width space, written straight into the file.
        let hostile = "Evil\u{1B}[31mRED\u{1B}]52;c;aGVsbG8=\u{07}\u{9B}2J\u{85}\u{202E}cba\u{200B}end"
        do {
            let store = try Store(path: db, create: false)
            defer { store.close() }
            try store.db.run("UPDATE orders SET buyer_name = ?, remarks = ?", [.text(hostile), .text(hostile)])
            try store.db.run("UPDATE parties SET name = ? WHERE handle = 'hanse-kuechen'", [.text(hostile)])
        }

        try tmux.start(command: "\(TmuxHarness.quote(try FaultTests.binary())) --db \(TmuxHarness.quote(db)) --as shenzhen-bright", cols: 120, rows: 40)
        try tmux.waitFor("Overview")
        let file = tmux.startRecordingOutput()
        tmux.send(keys: ["7"])
        try tmux.waitFor("Evil")
        tmux.send(keys: ["Enter"])
        try tmux.waitFor("Drafted by")
        usleep(200_000)                                  // let pipe-pane's cat write the file
        tmux.stopRecordingOutput()
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)

        let bytes = [UInt8](FileManager.default.contents(atPath: file) ?? Data())
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.count > 1_000, "the queue and the detail were drawn: \(bytes.count) bytes")
        #expect(text.contains("Evil"), "the hostile rows were drawn")
        // Nothing from the data acts on the terminal.
        for (name, sequence) in [("SGR red", "\u{1B}[31m"), ("OSC 52", "\u{1B}]52"), ("BEL", "\u{07}"), ("C1 CSI", "\u{9B}"),
                                 ("C1 NEL", "\u{85}"), ("RIGHT-TO-LEFT OVERRIDE", "\u{202E}"), ("ZERO WIDTH SPACE", "\u{200B}")] {
            #expect(!text.contains(sequence), "\(name) from the data reached the terminal")
        }
        // …and what it was is shown, escaped, for the reader (the queue's buyer column).
        #expect(text.contains("Evil\\u{1B}[31mRED"), "the escaped name was not drawn")
    }
}
