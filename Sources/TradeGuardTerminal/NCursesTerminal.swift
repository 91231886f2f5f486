import CNCurses
import TradeGuardUI
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses back end: the real terminal behind `TerminalDevice`.
///
/// Life cycle: `open()` (refuses without a usable interactive terminal) → `present`/`nextKey` in
/// the app loop → `close()` on every way out. Not thread-safe: use it from one thread only.
///
/// Signals: SIGINT (Ctrl-C), SIGTERM and SIGHUP only set a flag; `nextKey` then returns nil at
/// once and `pendingSignal` names the signal. The caller closes the terminal and exits with
/// `exitStatus(forSignal:)` (130, 143, 129). A second such signal while the first is unanswered
/// restores the terminal and ends the process. A crash (a Swift trap) restores the terminal
/// before the backtrace; plain `exit()` without `close()` is caught by an atexit hook. SIGWINCH
/// (→ `Key.resize`) is ours: `nextKey` tells ncurses the new size (resizeterm). SIGTSTP/SIGCONT
/// (Ctrl-Z, `fg` redraws) are left to ncurses. `open()`
/// unblocks these signals (a blocked mask inherited from a parent would leave Ctrl-C dead); a
/// signal the parent set to be ignored (SIGHUP under nohup) stays ignored, and a terminal that
/// goes away then shows up as a pending SIGHUP all the same.
///
/// Frames: `present` writes only the glyphs that changed since the previous frame, one
/// `mvwaddnwstr` per run of one role, then one `doupdate`; typeahead checking is off, so a
/// frame is always finished even while keys queue up. The whole frame, cursor shown or hidden
/// included, reaches the terminal in one write() (ncurses alone would flush after each cursor
/// movement and whenever its small buffer fills): see `cnc_frame_begin` in the C shim.
public final class NCursesTerminal: TerminalDevice {
    /// Figures about the last `present` call, for tests and performance logs.
    public struct PresentStats: Equatable, Sendable {
        public var fullRedraw = false
        public var runs = 0
        public var columnsWritten = 0
        /// The band scrolled before writing, if any.
        public var scrolled: FrameScroll?
        /// write() calls that carried the frame to the terminal: 1 (0 when nothing changed).
        public var writes = 0
        /// Bytes of the frame, as handed to the terminal.
        public var bytes = 0
    }

    public private(set) var colorDepth: ColorDepth
    public private(set) var lastPresentStats = PresentStats()
    /// False after `close()`.
    public private(set) var isOpen = true

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let hasColors: Bool
    private let defaultColors: Bool
    private let colorCount: Int
    private let pairLimit: Int

    private var previous: Canvas?
    private var previousSize: (rows: Int, cols: Int) = (0, 0)
    private var previousTheme: ResolvedTheme?
    /// What blanks show in each role under `previousTheme`.
    private var blankLooks: BlankMerging.Looks?
    /// Each role's attributes and colour pair, by `Role.ordinal`.
    private var roleLooks: [(attrs: attr_t, pair: Int16)] = []
    private var pairs: [PairKey: Int16] = [:]
    private var cursorVisible: Int32 = -1
    private var inputGone = false

    private struct PairKey: Hashable {
        let foreground: Int32
        let background: Int32
    }

    // MARK: Opening and closing

    /// True when stdin and stdout are terminals and TERM names a full-screen terminal type.
    public static func isInteractive() -> Bool { (try? check()) != nil }

    /// Why `open()` would refuse, without opening: throws `TerminalUnavailable`.
    public static func check() throws {
        let input = isatty(STDIN_FILENO) == 1
        let output = isatty(STDOUT_FILENO) == 1
        guard input && output else { throw TerminalUnavailable(.notATerminal(stdin: input, stdout: output)) }
        guard let raw = getenv("TERM"), raw.pointee != 0 else { throw TerminalUnavailable(.termUnset) }
        let name = String(cString: raw)
        switch cnc_term_usable(raw) {
        case 1: return
        case 0: throw TerminalUnavailable(.termUnknown(name))
        default: throw TerminalUnavailable(.termNotFullScreen(name))
        }
    }

    /// Takes over the terminal: locale, ncurses in cbreak/noecho/nonl/keypad mode, colours, our
    /// signal handlers. Throws `TerminalUnavailable` (print its description, exit 2) when stdin
    /// or stdout is not a terminal or TERM is unset, unknown or not full-screen capable.
    public static func open() throws -> NCursesTerminal {
        try check()
        guard cnc_is_screen_active() == 0 else { throw TerminalUnavailable(.alreadyOpen) }
        let name = String(cString: getenv("TERM"))
        _ = DisplayWidth.isUTF8                  // setlocale, once, before ncurses starts
        cnc_save_tty()
        // Ours first: ncurses then leaves SIGINT/SIGTERM alone (it only catches signals still at
        // their default), so its handler cannot exit(1) behind our back.
        cnc_install_signal_handlers()
        cnc_unblock_terminal_signals()
        guard let screen = cnc_newterm(nil) else {
            cnc_restore_signal_handlers()
            throw TerminalUnavailable(.startFailed(name))
        }
        return NCursesTerminal(screen: screen)
    }

    private init(screen: OpaquePointer) {
        self.screen = screen
        window = cnc_stdscr()!
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        cnc_disable_flow_control()               // Ctrl-S must not freeze the screen
        _ = set_escdelay(25)
        _ = scrollok(window, false)
        _ = idlok(window, false)
        _ = typeahead(-1)                       // finish every frame: no half-drawn screen when keys queue up
        hasColors = has_colors()
        var defaults = false
        if hasColors {
            _ = start_color()
            defaults = use_default_colors() == OK
        }
        defaultColors = defaults
        colorCount = hasColors ? Int(cnc_colors()) : 0
        pairLimit = hasColors ? min(Int(cnc_color_pairs()), Int(Int16.max)) : 0
        colorDepth = hasColors ? ColorDepth.forColors(colorCount) : .mono
        setCursor(visible: false)
        for cap in ["rmkx", "sgr0", "cnorm", "rmcup"] { cnc_add_restore_cap(cap) }
        // Bracketed paste: the terminal marks pasted text, so it reaches the focused field as
        // text and never the key dispatcher (a pasted line break is not Enter, a pasted "y" not
        // an answer). Terminals without it ignore the request.
        Self.writeToTerminal(Self.bracketedPasteOn)
        cnc_add_restore_text(Self.bracketedPasteOff)
        CharsetResetTrim.apply()                 // after the restore sequence took the full sgr0
        cnc_set_screen_active(1)
        cnc_register_atexit()
    }

    deinit { close() }

    /// Gives the terminal back (endwin): shell modes, normal screen, visible cursor, the signal
    /// handlers that were there before. Idempotent; call it on every way out, errors included.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        Self.writeToTerminal(Self.bracketedPasteOff)
        _ = curs_set(1)
        _ = endwin()
        cnc_set_screen_active(0)
        cnc_restore_signal_handlers()
        delscreen(screen)
        cnc_close_output()
    }

    // MARK: Signals

    /// SIGINT, SIGTERM or SIGHUP received since `open()` (SIGHUP also when the terminal went
    /// away without one). The app should close and exit with `exitStatus(forSignal:)`.
    public var pendingSignal: Int32? {
        let signal = cnc_pending_signal()
        if signal != 0 { return signal }
        return inputGone ? SIGHUP : nil
    }

    /// Forget a pending signal (e.g. after asking "quit?" and the user said no).
    public func clearPendingSignal() {
        cnc_clear_pending_signal()
        inputGone = false
    }

    /// The conventional exit status for dying of `signal`: 128 + number (SIGINT 130, SIGTERM 143, SIGHUP 129).
    public static func exitStatus(forSignal signal: Int32) -> Int32 { 128 + signal }

    // MARK: TerminalDevice

    public var size: (rows: Int, cols: Int) {
        guard isOpen else { return previousSize }
        var rows: Int32 = 0
        var cols: Int32 = 0
        cnc_getmaxyx(window, &rows, &cols)
        return (Int(rows), Int(cols))
    }

    public func present(_ drawn: Canvas, theme: ResolvedTheme) {
        guard isOpen else { return }
        // Everything ncurses writes from here on (the frame, the cursor shown or hidden) is
        // captured and reaches the terminal in one write() at the end.
        cnc_frame_begin()
        let canvas = drawn
        let screenSize = size
        var full = previous == nil || previousTheme != theme
        if previous?.rows != canvas.rows || previous?.cols != canvas.cols || previousSize != screenSize {
            if previous != nil {
                // After a resize the terminal's idea of the screen is unreliable (some reflow):
                // repaint everything once.
                _ = clearok(cnc_curscr(), true)
            }
            full = true
        }
        if previousTheme != theme {
            resolve(theme)
            blankLooks = BlankMerging.Looks(theme)
        }
        if full { _ = werase(window) }

        var stats = PresentStats(fullRedraw: full)
        let onScreen = full ? nil : previous
        if let old = onScreen, canvas.rows == screenSize.rows, canvas.cols == screenSize.cols,
           let scroll = FramePlanner.scroll(from: old, to: canvas) {
            // A queue that scrolled by a row: ncurses' copy of the screen scrolls too, and only
            // the new row and the ones that changed are handed over (doupdate still finds the
            // scroll and sends it as one). Writing every moved row cost more than the rest of
            // the frame.
            _ = wsetscrreg(window, Int32(scroll.top), Int32(scroll.bottom))
            _ = scrollok(window, true)
            _ = wscrl(window, Int32(scroll.lines))
            _ = scrollok(window, false)
            _ = wsetscrreg(window, 0, Int32(screenSize.rows - 1))
            stats.scrolled = scroll
        }
        // `previous` is the frame as drawn: the planner merges blanks (BlankMerging) only in the
        // rows it writes, the same way in both frames.
        let runs = FramePlanner.runs(from: onScreen, to: canvas, rows: screenSize.rows, cols: screenSize.cols, blanks: blankLooks,
                                     scrolled: stats.scrolled)
        var currentRole: Role?
        for run in runs {
            if run.role != currentRole {
                let look = run.role.ordinal < roleLooks.count ? roleLooks[run.role.ordinal] : (attrs: CNC_A_NORMAL, pair: 0)
                _ = wattr_set(window, look.attrs, look.pair, nil)
                currentRole = run.role
            }
            // The bottom-right cell returns ERR (the cursor cannot advance) but is drawn: ncurses
            // writes it without scrolling (scrollok is off). wchar_t is UTF-32 here (Int32):
            // the scalars are handed over as they are, without a converted copy.
            run.text.withUnsafeBufferPointer { scalars in
                scalars.withMemoryRebound(to: wchar_t.self) { text in
                    _ = mvwaddnwstr(window, Int32(run.row), Int32(run.col), text.baseAddress, Int32(text.count))
                }
            }
            stats.runs += 1
            stats.columnsWritten += run.columns
        }
        _ = wattr_set(window, CNC_A_NORMAL, 0, nil)

        if let cursor = canvas.cursor, cursor.row >= 0, cursor.row < screenSize.rows, cursor.col >= 0, cursor.col < screenSize.cols {
            _ = leaveok(window, false)
            _ = wmove(window, Int32(cursor.row), Int32(cursor.col))
            _ = wnoutrefresh(window)
            _ = doupdate()
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
            _ = leaveok(window, true)
            _ = wnoutrefresh(window)
            _ = doupdate()
        }
        var writes: Int32 = 0
        stats.bytes = max(0, cnc_frame_end(&writes))
        stats.writes = Int(writes)
        previous = canvas
        previousSize = screenSize
        previousTheme = theme
        lastPresentStats = stats
    }

    /// Forget what is on the screen: the next `present` repaints everything from scratch (after
    /// another program used the terminal, or for a user's Ctrl-L).
    public func invalidate() {
        previous = nil
        if isOpen { _ = clearok(cnc_curscr(), true) }
    }

    /// Bytes waiting on the terminal (ncurses reads the keyboard from standard input).
    public var hasPendingInput: Bool {
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&fds, 1, 0) > 0 && fds.revents & Int16(POLLIN) != 0
    }

    public func nextKey(timeoutMs: Int) -> Key? {
        guard isOpen else { return nil }
        let start = Self.milliseconds()
        var quickErrors = 0
        while true {
            if pendingSignal != nil { return nil }
            var rows: Int32 = 0, cols: Int32 = 0
            if cnc_take_resize(&rows, &cols) != 0 {
                // Tells ncurses the new size; when it changed, it queues KEY_RESIZE for wget_wch.
                _ = resizeterm(rows, cols)
            }
            let elapsed = Self.milliseconds() - start
            let remaining = timeoutMs < 0 ? Int.max : max(0, timeoutMs - elapsed)
            // Short slices, so a signal is noticed within 50 ms however long the caller waits.
            let slice = min(remaining, 50)
            wtimeout(window, Int32(slice))
            var code: wint_t = 0
            let before = Self.milliseconds()
            let status = wget_wch(window, &code)
            if status == OK || status == KEY_CODE_YES {
                quickErrors = 0
                if status == OK && code == 27 {
                    switch readAfterEscape() {
                    case .escape: return .escape
                    case .swallowed: continue
                    case let .alt(character): return .alt(character)
                    case let .paste(text): return .paste(text)
                    }
                }
                if let key = KeyDecoder.decode(status: status, code: UInt32(code)) { return key }
                continue                         // a key we have no name for: read on
            }
            // ERR: the slice ran out, a signal interrupted the wait, or input is gone. A read that
            // fails at once again and again means the terminal was closed: treat it as a hangup.
            if slice >= 20 && Self.milliseconds() - before < slice / 4 {
                quickErrors += 1
                if quickErrors >= 40 && cnc_pending_signal() == 0 {
                    inputGone = true
                    return nil
                }
            } else {
                quickErrors = 0
            }
            if timeoutMs >= 0 && Self.milliseconds() - start >= timeoutMs { return nil }
        }
    }

    /// Called after ESC. ncurses hands back an escape sequence it does not know (a key the
    /// terminfo entry lacks, e.g. F5 as ESC [ 1 5 ~ under TERM=linux in tmux; a bracketed paste's
    /// markers) as ESC followed by its bytes; `EscapeSequenceReader` sorts them out.
    private func readAfterEscape() -> EscapeOutcome {
        let window = self.window
        let reader = EscapeSequenceReader(
            read: { timeoutMs in
                wtimeout(window, Int32(timeoutMs))
                var code: wint_t = 0
                switch wget_wch(window, &code) {
                case OK: return .char(UInt32(code))
                case KEY_CODE_YES: return .function(Int32(bitPattern: UInt32(code)))
                default: return nil
                }
            },
            unread: { input in
                switch input {
                case let .char(code): _ = unget_wch(wchar_t(bitPattern: code))
                case let .function(code): _ = ungetch(code)
                }
            })
        return reader.afterEscape()
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Writes a mode switch straight to the terminal (nothing of ncurses' own is pending then:
    /// before the first frame, or after the last).
    private static func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    // MARK: Styles

    private func resolve(_ theme: ResolvedTheme) {
        roleLooks = Array(repeating: (CNC_A_NORMAL, 0), count: Role.allCases.count)
        for role in Role.allCases {
            let style = theme.style(role)
            var attrs = CNC_A_NORMAL
            for attribute in style.attributes {
                switch attribute {
                case .bold: attrs |= CNC_A_BOLD
                case .dim: attrs |= CNC_A_DIM
                case .underline: attrs |= CNC_A_UNDERLINE
                case .reverse: attrs |= CNC_A_REVERSE
                case .italic: attrs |= CNC_A_ITALIC
                }
            }
            roleLooks[role.ordinal] = (attrs, pair(style.foreground, style.background))
        }
    }

    /// The colour pair for fg/bg, allocated on first use and cached; pair 0 (the terminal's
    /// default colours) when there are no colours or the pairs run out.
    private func pair(_ foreground: TerminalColor, _ background: TerminalColor) -> Int16 {
        guard hasColors else { return 0 }
        let key = PairKey(foreground: color(foreground, isForeground: true), background: color(background, isForeground: false))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let known = pairs[key] { return known }
        let next = pairs.count + 1
        guard next < pairLimit, init_extended_pair(Int32(next), key.foreground, key.background) == OK else { return 0 }
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// The ncurses colour number for a theme colour: a palette index, -1 for the terminal's
    /// default, or on a direct-colour terminal (`*-direct`, COLORS = 2^24) the 24-bit RGB value
    /// of the xterm-256 palette entry (there, numbers from 8 up are RGB, not palette indices).
    private func color(_ color: TerminalColor, isForeground: Bool) -> Int32 {
        var index: Int
        switch color {
        case .terminalDefault: index = -1
        case let .indexed(n): index = n
        }
        if colorCount > 256 {
            if index >= 8 && index <= 255 { return Int32(Self.xterm256RGB(index)) }
        } else if index >= colorCount {
            // A theme resolved for more colours than we have: bright 8–15 fall back to 0–7.
            index = index < 16 && index - 8 >= 0 && index - 8 < colorCount ? index - 8 : -1
        }
        if index < 0 && !defaultColors { index = isForeground ? Int(COLOR_WHITE) : Int(COLOR_BLACK) }
        return Int32(index)
    }

    /// The xterm palette: 16 system colours, a 6×6×6 cube, 24 greys; as 0xRRGGBB.
    static func xterm256RGB(_ index: Int) -> Int {
        let system = [0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
                      0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF]
        switch index {
        case 0..<16: return system[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return levels[n / 36] << 16 | levels[(n / 6) % 6] << 8 | levels[n % 6]
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return grey << 16 | grey << 8 | grey
        }
    }

    // MARK: Helpers

    private func setCursor(visible: Bool) {
        let want: Int32 = visible ? 1 : 0
        guard want != cursorVisible else { return }
        cursorVisible = want
        _ = curs_set(want)
    }

    private static func milliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }
}
