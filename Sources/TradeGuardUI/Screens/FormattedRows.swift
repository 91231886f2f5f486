import TradeGuardCore
import TradeGuardStore

/// The padded cell texts of queue rows already drawn. Moving the selection or paging back
/// redraws the same rows every frame; formatting money, dates and names again each time was a
/// fifth of a frame. An entry is valid for one version of the order, one column layout, one
/// side and one "now" (deadlines count down from it).
final class FormattedRows {
    struct Layout: Equatable {
        let columns: [Int]
        let side: PartyKind
        let now: Instant
    }

    private var layout: Layout?
    private var rows: [OrderCode: (version: Int, cells: [(String, Role)])] = [:]
    /// A few screens' worth: the cache is dropped whole when it grows past this.
    static let capacity = 400

    /// Forgets everything (after another process changed data: a renamed party keeps its
    /// orders' versions).
    func clear() { rows.removeAll(keepingCapacity: true) }

    func cells(of row: OrderListing, layout: Layout, format: () -> [(String, Role)]) -> [(String, Role)] {
        if self.layout != layout {
            self.layout = layout
            rows.removeAll(keepingCapacity: true)
        }
        if let cached = rows[row.code], cached.version == row.version { return cached.cells }
        if rows.count >= Self.capacity { rows.removeAll(keepingCapacity: true) }
        let cells = format()
        rows[row.code] = (row.version, cells)
        return cells
    }
}
