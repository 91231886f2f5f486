import Foundation
import Testing
import TradeGuardCLI

/// What reaches the terminal per key, counted in write() calls by strace from outside the app:
/// one write per frame, so a slow link (SSH: a packet per write) never shows half a frame.
///
/// The app runs in tmux under `strace -f -y -e trace=write`; its bench report
/// (`TRADEGUARD_BENCH_REPORT`, a plain file here) writes a line when it takes a key, so the
/// trace itself says which writes to the terminal (`/dev/pts/N`) each key caused: those between
/// that key's report line and the next key's.
@Suite(.enabled(if: TmuxHarness.isAvailable && StraceProbe.works, "strace cannot trace here (not installed, or ptrace refused); .ci/run installs it"))
struct FrameWriteTests {
    @Test func eachKeyReachesTheTerminalInOneWrite() throws {
        let tmux = try TmuxHarness()
        guard let bin = TmuxHarness.builtProgram() else { throw TmuxHarness.Failure(description: "tradeguard binary not found") }
        let db = tmux.folder + "/demo.sqlite"
        let made = TmuxHarness.shell("\(TmuxHarness.quote(bin)) init --db \(TmuxHarness.quote(db))", mergeErrors: true)
        guard made.status == 0 else { throw TmuxHarness.Failure(description: "init failed: \(made.output)") }
        let report = tmux.folder + "/report"
        let trace = tmux.folder + "/trace"
        guard FileManager.default.createFile(atPath: report, contents: nil) else { throw TmuxHarness.Failure(description: "cannot create \(report)") }
        try tmux.start(command: "strace -f -qq -y -e trace=write -e signal=none -o \(TmuxHarness.quote(trace)) "
                       + "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as shenzhen-bright",
                       cols: 120, rows: 40, env: ["TERM": "xterm-256color", "TRADEGUARD_BENCH_REPORT": report])
        try tmux.waitFor("Awaiting you")
        // A tab switch (a near-full repaint), cursor moves (a few rows), opening and leaving an order.
        let keys: [(key: String, then: String)] = [("7", "by code"), ("j", "row 2 of"), ("j", "row 3 of"), ("k", "row 2 of"),
                                                   ("Enter", "lines 1-"), ("q", "row 2 of"), ("Tab", "No open disputes"),
                                                   ("Tab", "Awaiting you")]
        for (key, then) in keys {
            tmux.send(keys: [key])
            try tmux.waitFor(then)
        }
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)

        let perKey = TerminalWriteTrace.writesPerKey(trace: (try? String(contentsOfFile: trace, encoding: .utf8)) ?? "")
        // Every key but the last (Q, which closes the screen) drew one frame.
        #expect(perKey.count == keys.count + 1, "keys seen in the trace: \(perKey)")
        for (index, writes) in perKey.dropLast().enumerated() {
            #expect(writes == 1, "key \(index + 1) (\(keys[index].key)) reached the terminal in \(writes) write() calls")
        }
    }
}

enum StraceProbe {
    /// strace is installed and may trace a child here (containers may forbid ptrace).
    static let works: Bool = TmuxHarness.shell("strace -f -qq -e trace=none -o /dev/null true && echo yes").output.hasPrefix("yes")
}
