import Foundation
import Testing
import TradeGuardTerminal

/// The bench's pseudo-terminal: what it counts is what the child wrote.
@Suite struct PseudoTerminalTests {
    /// A frame's bytes can still be on their way to the reader thread when the app says it has
    /// written them. Waiting for quiet measured from the arrival *before* them returned at once
    /// and counted none (the bench's 0 B moves); `since` makes the quiet start no earlier than
    /// the moment the bytes are known to have been written.
    @Test func settleSinceAMomentCountsWhatArrivesBeforeTheQuietFromThen() throws {
        // The child writes its 5 bytes 1 s from now and then stays silent.
        let pty = try PseudoTerminal(path: "/bin/sh", arguments: ["-c", "sleep 1; printf hello; sleep 10"],
                                     environment: ["PATH": "/usr/bin:/bin"], rows: 24, cols: 80)
        defer { pty.kill(); _ = pty.wait() }
        // Nothing has arrived yet, and nothing for a while: a plain settle does not wait for it.
        #expect(pty.settle(quietMs: 5) == 0)
        // Quiet counted from 4 s ahead: the bytes written meanwhile are all in.
        let ahead = PseudoTerminal.monotonicNanoseconds() + 4_000_000_000
        #expect(pty.settle(quietMs: 5, since: ahead, timeoutMs: 10_000) == 5)
    }
}
