import Foundation
import Testing

/// `tradeguard bench` end to end on a tiny database: the machinery (seeding into the cache, the
/// app on a pseudo-terminal reporting each key and frame, byte counting, commits, wait4) must
/// produce every figure. Timings are not judged here — that is what the bench itself is for —
/// so either exit status (0 all within budget, 1 something over) is accepted.
@Suite struct BenchSmokeTests {
    static let figures = [
        "seed 10,000 orders", "VACUUM INTO of the seeded file", "seed / VACUUM INTO",
        "check (full replay)", "PRAGMA integrity_check, same file", "check / integrity_check", "check peak resident memory", "exec -> first frame, cold", "exec -> first frame, warm", "cursor move, p50", "cursor move, p99",
        "page down, p50", "tab switch, p99", "open detail, p50", "back to the queue, p99", "filter, per character, p99",
        "confirm committed, p99", "payment committed, p99", "bytes: cursor move (detail closed)",
        "bytes: cursor move (detail pane open)", "bytes: cursor move, Confirmations", "bytes: scroll in the open detail", "bytes: page down", "bytes: tab switch", "peak resident memory",
        "outside key latency, cursor move, p50", "outside key latency, cursor move, p99", "less, the same move, p50",
    ]

    @Test func everyFigureIsMeasuredAndTheCacheIsReused() throws {
        let sandbox = Sandbox()
        let cache = sandbox.path("cache")
        let first = sandbox.rawSpawned(["bench", "--orders", "10000", "--runs", "1", "--cache", cache])
        #expect(first.status == 0 || first.status == 1, "\(first)")
        #expect(first.stderr.contains("seeding 10000 orders into \(cache)/orders-10000.sqlite"), "\(first)")
        for figure in Self.figures {
            let line = first.stdout.split(separator: "\n").first { $0.hasPrefix(figure) }
            #expect(line != nil, "missing '\(figure)' in:\n\(first.stdout)")
            // A value, not "not measured": a number followed by its unit.
            #expect(line.map { $0.contains(" ms") || $0.contains(" B") || $0.contains(" MB") || $0.contains(" s") || $0.contains(" x") } ?? false,
                    "no value for '\(figure)': \(line ?? "")")
            #expect(!(line?.contains("not measured") ?? true), "\(line ?? "")")
        }
        #expect(first.stdout.contains("check clean"), "\(first.stdout)")
        // The seed's budget is a ratio to VACUUM INTO measured in the same run (DESIGN §7).
        let ratioLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("seed / VACUUM INTO") })
        #expect(ratioLine.contains("<= 2.50 x"), "\(ratioLine)")
        #expect(first.stdout.contains("2.5 x VACUUM INTO"), "\(first.stdout)")
        // So is check's, to integrity_check on the same file (issue 17): the budget is shown, the value is not judged here.
        let checkRatio = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("check / integrity_check") })
        #expect(checkRatio.contains("<= 2.00 x"), "\(checkRatio)")
        let checkLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("check (full replay)") })
        #expect(checkLine.hasSuffix("clean"), "\(checkLine)")
        #expect(first.stdout.contains("2.0 x PRAGMA integrity_check of the same file"), "\(first.stdout)")
        // Bytes come from the real terminal: every cursor move (pane closed, pane open, a live
        // queue) or page writes something, and a move less than a screen. A median of 0 B here
        // was the bench counting a frame's bytes with the next key's.
        let moveLines = first.stdout.split(separator: "\n").filter { $0.hasPrefix("bytes: cursor move") }
        #expect(moveLines.count == 3, "\(first.stdout)")
        for moveLine in moveLines {
            let moveBytes = try #require(Int(moveLine.split(separator: " ").first { Int($0) != nil } ?? ""))
            #expect(moveBytes > 20 && moveBytes < 120 * 40, "\(moveLine)")
        }
        let pageLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("bytes: page down") })
        #expect(!pageLine.contains(" 0 B"), "\(pageLine)")

        // One write() per key, counted by strace (where it may trace).
        let writesLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("writes per key, most") }, "\(first.stdout)")
        if !writesLine.contains("strace cannot trace here") {
            #expect(writesLine.split(separator: " ").contains("1") && writesLine.contains(" ok"), "\(writesLine)")
        }

        let second = sandbox.rawSpawned(["bench", "--orders", "10000", "--runs", "1", "--cache", cache])
        #expect(second.status == 0 || second.status == 1, "\(second)")
        #expect(!second.stderr.contains("seeding"), "the cached database was rebuilt: \(second.stderr)")
        #expect(second.stdout.contains("database reused from"), "\(second.stdout)")
    }

    @Test func badArgumentsAreUsageErrors() {
        let sandbox = Sandbox()
        for (words, message) in [(["--orders", "ten"], "--orders must be a whole number"), (["--orders", "500"], "--orders must be from 10000 to 10000000"), (["--runs", "0"], "--runs must be from 1 to 100"),
                                 (["--db", sandbox.db], "bench makes its own databases")] {
            let result = sandbox.raw(["bench"] + words)
            #expect(result.status == 2, "\(words): \(result)")
            #expect(result.stderr.contains(message), "\(words): \(result)")
        }
    }
}
