import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// DESIGN §7 "frame output": one write() per frame, and the key latency a person feels from
/// outside the app (key typed on the terminal → last byte of its frame read back) no more than
/// twice `less`'s, measured the same way, in the same run, on the same orders (a CSV export of
/// the queue the session moves through) and on a pseudo-terminal of the same size.
enum BenchFrameOutput {
    /// Cursor moves timed from outside, in the app and in less (as many as the session times).
    static let lessMoves = 150

    static func figures(binary: String, database: String, handle: String, rows: Int, cols: Int, scratch: String, runs: Int,
                        trace: ProgramOutput? = nil, say: (String) -> Void) -> [BenchFigure] {
        var appRuns: [[Double]] = [], lessRuns: [[Double]] = []
        var lessNote = ""
        do {
            let csv = try export(binary: binary, database: database, handle: handle, scratch: scratch)
            defer { unlink(csv) }
            let less = executable("less")
            if less == nil { lessNote = "less is not installed" }
            let appEnvironment = ["PATH": "/usr/bin:/bin", "HOME": scratch, "XDG_CONFIG_HOME": scratch + "/config", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
            let lessEnvironment = ["PATH": "/usr/bin:/bin", "HOME": scratch, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LESSHISTFILE": "-"]
            for run in 1...runs {
                say("bench: the app and less from outside, run \(run) of \(runs) …")
                appRuns.append(try moves(program: binary, arguments: ["--db", database, "--as", handle], environment: appEnvironment,
                                         first: BenchSession.Keys.ordersTab, quit: "Q", rows: rows, cols: cols))
                if let less {
                    lessRuns.append(try moves(program: less, arguments: ["-S", csv], environment: lessEnvironment, first: nil, quit: "q", rows: rows, cols: cols))
                }
            }
        } catch {
            lessNote = "not measured: \(error)"
        }
        var writes: [Int] = []
        var writesNote = ""
        do {
            if let counted = try writesPerKey(binary: binary, database: database, handle: handle, rows: rows, cols: cols, scratch: scratch, trace: trace) {
                writes = counted
            } else {
                writesNote = "strace cannot trace here"
            }
        } catch {
            writesNote = "not measured: \(error)"
        }

        func percentile(_ samples: [[Double]], _ p: Double) -> Spread { Spread(samples.compactMap { Percentile.of($0, p) }) }
        let less50 = percentile(lessRuns, 50), less99 = percentile(lessRuns, 99)
        let sorted = writes.sorted()
        let median = sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
        return [
            BenchFigure(name: "writes per key, most", spread: Spread(writes.max().map { [Double($0)] } ?? []), unit: .count, budget: 1,
                        note: writesNote.isEmpty ? "strace, \(writes.count) keys (tab switch, moves, page down); median \(median)" : writesNote),
            BenchFigure(name: "outside key latency, cursor move, p50", spread: percentile(appRuns, 50), unit: .milliseconds,
                        budget: less50.isEmpty ? nil : 2 * less50.median, note: "key typed -> last byte read, no report pipe; budget 2 x less"),
            BenchFigure(name: "outside key latency, cursor move, p99", spread: percentile(appRuns, 99), unit: .milliseconds,
                        budget: less99.isEmpty ? nil : 2 * less99.median, note: "budget 2 x less"),
            BenchFigure(name: "less, the same move, p50", spread: less50, unit: .milliseconds, budget: nil,
                        note: lessNote.isEmpty ? "less -S on a CSV of the same orders, same pty, measured alike" : lessNote),
            BenchFigure(name: "less, the same move, p99", spread: less99, unit: .milliseconds, budget: nil),
        ]
    }

    /// The orders the session moves through, as `tradeguard orders --format csv` writes them.
    static func export(binary: String, database: String, handle: String, scratch: String) throws -> String {
        let path = scratch + "/orders-\(getpid()).csv"
        guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot create \(path)")
        }
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["orders", "--db", database, "--as", handle, "--format", "csv"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("'tradeguard orders --format csv' ended with status \(process.terminationStatus)") }
        return path
    }

    /// A program on a pseudo-terminal, measured from outside only (nothing reports to the
    /// bench, so the app and less are timed alike): after its first screen settles and `first`
    /// is pressed, each Down (the bytes the session's cursor moves send) is timed from typing it
    /// to the last byte of the answer (8 ms of quiet ends it).
    static func moves(program: String, arguments: [String], environment: [String: String], first: String?, quit: String,
                      rows: Int, cols: Int) throws -> [Double] {
        let pty = try PseudoTerminal(path: program, arguments: arguments, environment: environment, rows: rows, cols: cols)
        defer {
            pty.type(quit)
            let watchdog = DispatchWorkItem { [pty] in pty.kill() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 5, execute: watchdog)
            _ = pty.wait()
            watchdog.cancel()
        }
        let name = (program as NSString).lastPathComponent
        guard waitForBytes(pty, after: 0, timeoutMs: 15_000) else { throw BenchError("\(name) drew nothing within 15 s") }
        let settled = pty.settle(quietMs: 300)
        if let first {
            pty.type(first)
            guard waitForBytes(pty, after: settled, timeoutMs: 15_000) else { throw BenchError("\(name) did not answer its first key") }
            _ = pty.settle(quietMs: 300)
        }
        var samples: [Double] = []
        for _ in 0..<lessMoves {
            let before = pty.settle(quietMs: 5)
            let typedAt = PseudoTerminal.monotonicNanoseconds()
            pty.type(BenchSession.Keys.down)
            guard waitForBytes(pty, after: before, timeoutMs: 2_000) else { break }   // the end of the file
            _ = pty.settle(quietMs: 8)
            let last = pty.lastArrivalNanoseconds
            if last > typedAt { samples.append(Double(last - typedAt) / 1e6) }
        }
        return samples
    }

    private static func waitForBytes(_ pty: PseudoTerminal, after count: Int, timeoutMs: Int) -> Bool {
        let deadline = PseudoTerminal.monotonicNanoseconds() + UInt64(timeoutMs) * 1_000_000
        while pty.bytesReceived <= count {
            if PseudoTerminal.monotonicNanoseconds() > deadline { return false }
            usleep(100)
        }
        return true
    }

    /// write() calls that reached the terminal for each key, counted by strace in a short session
    /// of its own (strace slows the app down, so the timed sessions run without it): a tab
    /// switch, moves, pages. nil when strace is missing or may not trace (ptrace refused).
    static func writesPerKey(binary: String, database: String, handle: String, rows: Int, cols: Int, scratch: String,
                            trace traceOutput: ProgramOutput? = nil) throws -> [Int]? {
        guard let strace = executable("strace"), canTrace(strace) else { return nil }
        let trace = scratch + "/strace-\(getpid())"
        defer { unlink(trace) }
        let app = try BenchChild(binary: binary, database: database, handle: handle, rows: rows, cols: cols, scratch: scratch,
                                 tracer: [strace, "-f", "-qq", "-y", "-e", "trace=write", "-e", "signal=none", "-o", trace], trace: traceOutput)
        _ = try app.press(BenchSession.Keys.ordersTab)
        for _ in 0..<30 { _ = try app.press(BenchSession.Keys.down) }
        for _ in 0..<5 { _ = try app.press(BenchSession.Keys.pageDown) }
        for _ in 0..<7 { _ = try app.press(BenchSession.Keys.tab) }
        _ = app.quit()
        let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        return Array(TerminalWriteTrace.writesPerKey(trace: text).dropLast())   // the last key (Q) closes the screen
    }

    static func canTrace(_ strace: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: strace)
        process.arguments = ["-f", "-qq", "-e", "trace=none", "-o", "/dev/null", "/bin/true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func executable(_ name: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
