import TradeGuardUI

/// The walkthrough tests' terminal: the player draws on it as on a real one, and it remembers
/// every frame; nil in the key script is a moment without a key (the player idles
/// and the app's clock runs on).
final class RecordingTerminal: TerminalDevice {
    let inner: InMemoryTerminal
    var frames: [Canvas] = []
    var script: [Key?] = []
    init(_ inner: InMemoryTerminal) { self.inner = inner }
    var size: (rows: Int, cols: Int) { inner.size }
    var colorDepth: ColorDepth { inner.colorDepth }
    var pendingSignal: Int32? { inner.pendingSignal }
    func present(_ canvas: Canvas, theme: ResolvedTheme) {
        inner.present(canvas, theme: theme)
        frames.append(canvas)
    }
    func nextKey(timeoutMs: Int) -> Key? { script.isEmpty ? .character("q") : script.removeFirst() }
}
