/// What a screen back end does: tell its size, show a canvas, deliver keys. The ncurses back
/// end and the in-memory one of the tests both implement it, so every screen is testable as text.
public protocol TerminalDevice: AnyObject {
    /// Current size in rows and columns.
    var size: (rows: Int, cols: Int) { get }
    /// What colours the terminal can show; themes resolve to this.
    var colorDepth: ColorDepth { get }
    /// Shows `canvas` with the styles of `theme`, writing only what changed since the last
    /// call, and parks the hardware cursor at `canvas.cursor`.
    func present(_ canvas: Canvas, theme: ResolvedTheme)
    /// The next key, or nil when `timeoutMs` passes without one (the loop polls for other
    /// processes' changes and timers between keys).
    func nextKey(timeoutMs: Int) -> Key?
    /// A termination signal that arrived (SIGINT, SIGTERM, SIGHUP), for the loop to end cleanly
    /// and exit with 128 + signal; nil when none.
    var pendingSignal: Int32? { get }
    /// True when input is waiting to be read, without reading it.
    var hasPendingInput: Bool { get }
}

extension TerminalDevice {
    public var hasPendingInput: Bool { false }
}
