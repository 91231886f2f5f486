import Testing
import TradeGuardCLI

/// The strace reader behind `bench`'s writes-per-key figure and the one-write-per-frame test.
@Suite struct TerminalWriteTraceTests {
    @Test func writesToATerminalCountForTheKeyReportedBeforeThem() {
        let trace = """
        100 write(1</dev/pts/3>, "\\33[?1049h", 8) = 8
        100 write(5</tmp/report>, "K 1 123\\n", 8) = 8
        100 write(1</dev/pts/3>, "\\33[H frame", 10) = 10
        100 write(7</tmp/tg.sqlite-wal>, "...", 4096) = 4096
        100 write(5</tmp/report>, "F 1 456\\n", 8) = 8
        100 write(5</tmp/report>, "K 2 789\\n", 8) = 8
        100 write(1</dev/pts/3>, "a", 1) = 1
        101 write(2</dev/tty>, "b", 1) = 1
        100 write(5</tmp/report>, "K 3 999\\n", 8) = 8
        100 +++ exited with 0 +++
        """
        // The write before the first key is the screen being set up: no key's.
        #expect(TerminalWriteTrace.writesPerKey(trace: trace) == [1, 2, 0])
    }

    @Test func aTraceWithoutKeysCountsNothing() {
        #expect(TerminalWriteTrace.writesPerKey(trace: "100 write(1</dev/pts/3>, \"x\", 1) = 1\n") == [])
        #expect(TerminalWriteTrace.writesPerKey(trace: "") == [])
    }
}
