import TradeGuardCore
import TradeGuardStore

/// Queue rows already drawn, as finished screen lines. Moving the selection or paging back
/// redraws the same rows every frame; formatting money, dates and names and laying them out
/// again each time was a fifth of a frame, and now is a copy. An entry is valid for one version
/// of the order, one column layout and screen width, one side and one "now" (deadlines count
/// down from it).
final class FormattedRows {
    struct Layout: Equatable {
        let columns: [Int]
        let width: Int
        let side: PartyKind
        let now: Instant
    }

    private var layout: Layout?
    private var rows: [OrderCode: (version: Int, line: [Cell])] = [:]
    /// A few screens' worth: the cache is dropped whole when it grows past this.
    static let capacity = 400

    /// Forgets everything (after another process changed data: a renamed party keeps its
    /// orders' versions).
    func clear() { rows.removeAll(keepingCapacity: true) }

    /// The line of the order `code` at `version`, drawn by `render` when not kept (the row is
    /// read from the list only then: copying a listing per row per frame cost more than the
    /// lookup).
    func line(code: OrderCode, version: Int, layout: Layout, render: () -> [Cell]) -> [Cell] {
        if self.layout != layout {
            self.layout = layout
            rows.removeAll(keepingCapacity: true)
        }
        if let cached = rows[code], cached.version == version { return cached.line }
        if rows.count >= Self.capacity { rows.removeAll(keepingCapacity: true) }
        let line = render()
        rows[code] = (version, line)
        return line
    }
}
