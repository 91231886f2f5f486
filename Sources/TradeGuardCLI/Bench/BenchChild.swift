import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The real `tradeguard` app running on a pseudo-terminal, driven key by key. Every key waits
/// for the frame it caused (reported by the app through `BenchReporter`), so each sample is one
/// key's application time and the exact bytes its frame wrote.
final class BenchChild {
    struct Press {
        /// Key taken → frame handed to the back end, inside the app.
        let applicationMs: Double
        /// Bytes the back end wrote to the terminal for that frame.
        let bytes: Int
    }

    /// Where every key sent and report line read is written (`TRADEGUARD_BENCH_TRACE=1`: stderr), or nil.
    private let trace: ProgramOutput?
    private let pty: PseudoTerminal
    private let reports: ReportPipe
    /// The report pipe's path, in the app's environment: `bench --hosted` finds the session's process by it.
    let reportPath: String
    private let spawnedAt: UInt64
    private var keysSent = 0
    private var lastKeyAt: UInt64 = 0
    private(set) var firstFrameMs: Double = .nan

    /// Starts the app on `database` as `handle`, and waits for its first frame.
    /// `tracer`: a command line the app runs under (e.g. strace and its options), or none.
    /// `command`: the arguments instead of `--db DATABASE --as HANDLE` (e.g. `demo`).
    convenience init(binary: String, database: String, handle: String, rows: Int, cols: Int, scratch: String, tracer: [String] = [],
                     trace: ProgramOutput? = nil, command: [String]? = nil) throws {
        let arguments = command ?? ["--db", database, "--as", handle]
        try self.init(command: tracer.isEmpty ? [binary] + arguments : tracer + [binary] + arguments, rows: rows, cols: cols,
                      scratch: scratch, trace: trace)
    }

    /// Starts `command` (whose first word is the program), which runs the app with the report pipe
    /// in its environment: the app itself, or `ssh -tt` into a hosted session (`bench --hosted`).
    /// `firstFrameTimeoutMs`: how long the first frame may take (an SSH login on a loaded machine
    /// takes seconds before the app even starts).
    init(command: [String], rows: Int, cols: Int, scratch: String, trace: ProgramOutput? = nil, firstFrameTimeoutMs: Int = 15_000) throws {
        self.trace = trace
        let pipePath = scratch + "/report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        reports = try ReportPipe(path: pipePath)
        reportPath = pipePath
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": scratch, "XDG_CONFIG_HOME": scratch + "/config", "TERM": "xterm-256color",
            "LANG": "C.UTF-8", BenchReporter.variable: pipePath,
        ]
        spawnedAt = PseudoTerminal.monotonicNanoseconds()
        pty = try PseudoTerminal(path: command[0], arguments: Array(command.dropFirst()), environment: environment, rows: rows, cols: cols)
        let frame = try nextFrame(keys: 0, timeoutMs: firstFrameTimeoutMs)
        firstFrameMs = Double(frame.handed &- spawnedAt) / 1e6
        _ = pty.settle(quietMs: 10, since: frame.written)
    }

    /// Types one key (its bytes as a terminal sends them) and measures its frame. `frames: 2`
    /// when the key is known to cause a second frame from the work between keys (the detail
    /// pane filled): its bytes are counted too, and the time stays the first frame's.
    func press(_ key: String, frames: Int = 1) throws -> Press {
        let before = pty.settle(quietMs: 5)
        keysSent += 1
        trace?.write("bench trace: key \(keysSent) at \(PseudoTerminal.monotonicNanoseconds()) \(key.unicodeScalars.map { $0.value < 32 ? "^\(Character(UnicodeScalar($0.value + 64)!))" : String($0) }.joined())\n")
        pty.type(key)
        let frame = try nextFrame(keys: keysSent)
        var last = frame
        for _ in 1..<max(frames, 1) { last = try nextFrame(keys: keysSent) }
        let after = pty.settle(quietMs: 8, since: last.written)
        trace?.write("bench trace: key \(keysSent) wrote \(after - before) bytes\n")
        return Press(applicationMs: Double(frame.handed &- lastKeyAt) / 1e6, bytes: after - before)
    }

    /// Quits with `Q` (killing the app if it has not ended 5 s later) and returns its exit
    /// status and peak resident memory.
    func quit() -> (status: Int32, peakResidentBytes: Int) {
        pty.type("Q")
        let watchdog = DispatchWorkItem { [pty] in pty.kill() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 5, execute: watchdog)
        let result = pty.wait()
        watchdog.cancel()
        reports.close()
        return result
    }

    private func nextFrame(keys: Int, timeoutMs: Int = 15_000) throws -> (handed: UInt64, written: UInt64) {
        while true {
            guard let line = try reports.readLine(timeoutMs: timeoutMs) else {
                pty.kill()
                throw BenchError("the app did not draw within \(timeoutMs / 1_000) s (after \(keys) keys)")
            }
            trace?.write("bench trace: \(line)\n")
            let fields = line.split(separator: " ")
            if fields.first == "K", fields.count == 2, let at = UInt64(fields[1]) { lastKeyAt = at }
            if fields.first == "F", fields.count == 4, Int(fields[1]) == keys, let handed = UInt64(fields[2]), let written = UInt64(fields[3]) {
                return (handed, written)
            }
        }
    }
}

/// The named pipe the app reports through. The bench keeps a write end open itself so a read
/// never sees end-of-file before the app has opened its end.
final class ReportPipe {
    private let path: String
    private var readEnd: Int32 = -1
    private var writeEnd: Int32 = -1
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        guard mkfifo(path, 0o600) == 0 else { throw BenchError("cannot make the report pipe \(path): \(String(cString: strerror(errno)))") }
        readEnd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        writeEnd = open(path, O_WRONLY | O_CLOEXEC)
        guard readEnd >= 0, writeEnd >= 0 else { throw BenchError("cannot open the report pipe \(path)") }
    }

    func readLine(timeoutMs: Int) throws -> String? {
        let deadline = PseudoTerminal.monotonicNanoseconds() + UInt64(timeoutMs) * 1_000_000
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let now = PseudoTerminal.monotonicNanoseconds()
            guard now < deadline else { return nil }
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, Int32(min(1_000, (deadline - now) / 1_000_000 + 1)))
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let n = read(readEnd, &chunk, chunk.count)
            if n > 0 { buffer += chunk[..<n] }
        }
    }

    func close() {
        if readEnd >= 0 { Glibc.close(readEnd); readEnd = -1 }
        if writeEnd >= 0 { Glibc.close(writeEnd); writeEnd = -1 }
        unlink(path)
    }

    deinit { close() }
}
