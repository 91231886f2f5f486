import TradeGuardUI
#if canImport(Glibc)
import Glibc
#endif

/// A fixed screen that exercises the back end, for `tradeguard terminal-test` (hidden) and the
/// end-to-end tests: wide CJK text, an emoji, a combining accent, every role in its colour, the
/// hardware cursor parked on row 3, the last key's name ("last key: Down"), the size
/// ("size: 60x15") and a "┘" in the bottom-right cell (which must not scroll); `q` quits.
public enum TerminalSelfTest {
    /// Opens the terminal, runs the test screen, closes the terminal; returns the exit status
    /// (0 after `q`; 2 without a usable terminal, with the one-sentence reason on stderr; 130,
    /// 143, 129 after SIGINT, SIGTERM, SIGHUP).
    public static func main(theme: ResolvedTheme? = nil, idleTimeoutSeconds: Int? = 300) -> Int32 {
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal.open()
        } catch let error as TerminalUnavailable {
            writeError("tradeguard: \(error)\n")
            return error.exitStatus
        } catch {
            writeError("tradeguard: \(error)\n")
            return 1
        }
        defer { terminal.close() }
        return run(terminal: terminal, theme: theme, idleTimeoutSeconds: idleTimeoutSeconds)
    }

    /// Runs the test screen on an open terminal until `q`, a signal or `idleTimeoutSeconds`
    /// without a key; does not close the terminal. `theme` nil: a built-in colourful theme for
    /// the terminal's colour depth (attributes only on monochrome or under NO_COLOR).
    public static func run(terminal: NCursesTerminal, theme: ResolvedTheme? = nil, idleTimeoutSeconds: Int? = nil) -> Int32 {
        let theme = theme ?? defaultTheme(for: terminal.colorDepth)
        var lastKey = "none"
        var idleMs = 0
        while true {
            let size = terminal.size
            terminal.present(canvas(rows: size.rows, cols: size.cols, lastKey: lastKey, depth: terminal.colorDepth), theme: theme)
            if let key = terminal.nextKey(timeoutMs: 250) {
                idleMs = 0
                if key == .character("q") { return 0 }
                lastKey = key.name
            } else if let signal = terminal.pendingSignal {
                return NCursesTerminal.exitStatus(forSignal: signal)
            } else {
                idleMs += 250
                if let limit = idleTimeoutSeconds, idleMs >= limit * 1000 { return 0 }
            }
        }
    }

    /// The test screen for a terminal of `rows` × `cols`.
    public static func canvas(rows: Int, cols: Int, lastKey: String, depth: ColorDepth) -> Canvas {
        var canvas = Canvas(rows: rows, cols: cols)
        guard rows > 0, cols > 0 else { return canvas }
        canvas.fill(row: 0, col: 0, height: 1, width: cols, role: .title)
        canvas.put(" TradeGuard terminal test — q quits", row: 0, col: 0, role: .title)
        canvas.put("wide: 日本語 東京  emoji: 🎉  accent: e\u{301}te", row: 1, col: 1)
        canvas.hline(row: 2, col: 0, width: cols)
        canvas.fill(row: 3, col: 0, height: 1, width: cols, role: .selected)
        canvas.put("> cursor row: Hanse Küchen 新星", row: 3, col: 1, role: .selected)
        canvas.cursor = (3, 1)
        var row = 4
        var col = 1
        for role in Role.allCases where row < rows - 2 {
            let label = role.rawValue
            if col + label.count > cols - 1 && col > 1 {
                row += 1
                col = 1
                if row >= rows - 2 { break }
            }
            col = canvas.put(label, row: row, col: col, role: role) + 1
        }
        if rows >= 2 { canvas.put("size: \(cols)x\(rows)  colours: \(depth.rawValue)", row: rows - 2, col: 1, role: .muted) }
        canvas.put("last key: ", row: rows - 1, col: 1, role: .hintText)
        canvas.put(lastKey, row: rows - 1, col: 11, role: .hintKey)
        // The bottom-right cell: writing it must not scroll the screen.
        if cols >= 14 { canvas.put("┘", row: rows - 1, col: cols - 1, role: .border) }
        return canvas
    }

    /// A theme giving each role its own look on this terminal.
    public static func defaultTheme(for depth: ColorDepth) -> ResolvedTheme {
        if depth == .mono || (getenv("NO_COLOR").map { $0.pointee != 0 } ?? false) { return .plain }
        let rich = depth >= .twoFiftySix
        func s(_ fg: Int?, _ bg: Int? = nil, _ attributes: Set<TextAttribute> = []) -> ResolvedStyle {
            ResolvedStyle(foreground: fg.map { .indexed($0) } ?? .terminalDefault,
                          background: bg.map { .indexed($0) } ?? .terminalDefault, attributes: attributes)
        }
        let styles: [Role: ResolvedStyle] = [
            .normal: s(nil),
            .title: s(0, 6, [.bold]),
            .tab: s(6),
            .tabActive: s(0, 3, [.bold]),
            .header: s(4, nil, [.bold]),
            .selected: s(7, 4),
            .muted: s(rich ? 244 : 7, nil, rich ? [] : [.dim]),
            .border: s(rich ? 240 : 4),
            .hintKey: s(3, nil, [.bold]),
            .hintText: s(nil),
            .statusOK: s(2),
            .statusWarn: s(3),
            .statusDanger: s(1, nil, [.bold]),
            .money: s(rich ? 214 : 3),
            .moneyUncovered: s(1, nil, [.underline]),
            .deadlineSoon: s(3, nil, [.underline]),
            .deadlineOverdue: s(7, 1, [.bold]),
            .dialog: s(0, 7),
            .input: s(nil, rich ? 236 : 4),
            .inputError: s(1, nil, [.underline]),
            .caption: s(5, nil, [.italic]),
        ]
        return ResolvedTheme(name: "terminal-test", depth: depth, styles: styles)
    }

    private static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
