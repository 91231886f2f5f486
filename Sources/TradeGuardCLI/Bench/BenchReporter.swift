import Foundation
import TradeGuardTerminal
import TradeGuardUI
#if canImport(Glibc)
import Glibc
#endif

/// The app's side of `tradeguard bench`: when `TRADEGUARD_BENCH_REPORT` names a pipe, the app
/// writes one line per key it takes and per frame it hands to the terminal, with timestamps on
/// the machine-wide monotonic clock. The benchmark reads them to time each key from inside the
/// real binary, and to know when a frame's bytes have all been written. Nothing else changes.
///
///     K <ns>                        a key was taken from the terminal
///     F <keys> <handed ns> <written ns>   a frame: keys taken so far, when it was handed over
///                                   to the back end, when the back end finished writing it
final class BenchReporter: TerminalDevice {
    static let variable = "TRADEGUARD_BENCH_REPORT"

    /// Wraps `terminal` when the variable is set and the pipe opens; else returns it unchanged.
    static func wrap(_ terminal: TerminalDevice, environment: [String: String]) -> TerminalDevice {
        guard let path = environment[variable] else { return terminal }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return terminal }
        return BenchReporter(terminal, fd: fd)
    }

    private let inner: TerminalDevice
    private let fd: Int32
    private var keys = 0

    private init(_ inner: TerminalDevice, fd: Int32) {
        self.inner = inner
        self.fd = fd
    }

    deinit { close(fd) }

    var size: (rows: Int, cols: Int) { inner.size }
    var colorDepth: ColorDepth { inner.colorDepth }
    var pendingSignal: Int32? { inner.pendingSignal }
    var hasPendingInput: Bool { inner.hasPendingInput }

    func present(_ canvas: Canvas, theme: ResolvedTheme) {
        let handed = PseudoTerminal.monotonicNanoseconds()
        inner.present(canvas, theme: theme)
        report("F \(keys) \(handed) \(PseudoTerminal.monotonicNanoseconds())\n")
    }

    func nextKey(timeoutMs: Int) -> Key? {
        let key = inner.nextKey(timeoutMs: timeoutMs)
        if key != nil {
            keys += 1
            report("K \(PseudoTerminal.monotonicNanoseconds())\n")
        }
        return key
    }

    private func report(_ line: String) {
        var bytes = Array(line.utf8)
        _ = write(fd, &bytes, bytes.count)
    }
}
