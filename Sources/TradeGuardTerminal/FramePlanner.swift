import CTextWidth
import TradeGuardUI

/// One write of a frame: `text` (wide characters for `mvwaddnwstr`) at `row`, `col` in `role`,
/// covering `columns` screen columns.
public struct FrameRun: Equatable, Sendable {
    public let row: Int
    public let col: Int
    public let role: Role
    public let text: [UInt32]
    public let columns: Int

    public init(row: Int, col: Int, role: Role, text: [UInt32], columns: Int) {
        self.row = row
        self.col = col
        self.role = role
        self.text = text
        self.columns = columns
    }

    /// The run as a Swift string (tests and logs).
    public var string: String { String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init))) }
}

/// A band of rows, `top` through `bottom`, scrolled by `lines` (1: up, -1: down): each row
/// takes the content of the row `lines` further on, and the row left behind is blank.
public struct FrameScroll: Equatable, Sendable {
    public let top: Int
    public let bottom: Int
    public let lines: Int

    public init(top: Int, bottom: Int, lines: Int) {
        self.top = top
        self.bottom = bottom
        self.lines = lines
    }

    /// The row whose content is at `row` once scrolled; nil for the row the band leaves blank.
    public func source(of row: Int) -> Int? {
        guard row >= top, row <= bottom else { return row }
        return row == (lines > 0 ? bottom : top) ? nil : row + lines
    }
}

/// Decides what to write for a frame: the glyphs whose cells differ from the previous frame,
/// grouped into runs of one role. Pure: the ncurses back end executes the plan, tests inspect it.
public enum FramePlanner {
    /// Runs that turn `old` into `new` on a screen of `rows` × `cols` (the canvas is clipped to
    /// it). `old == nil` (first frame, resize, new theme) writes every cell. With `blanks`, the
    /// rows written have their blanks merged (`BlankMerging`) first, in both frames alike. With
    /// `scrolled`, the screen holds `old` with that band scrolled (see `scroll(from:to:)`): its
    /// rows are compared with the old rows they came from, and the row it left blank is written.
    ///
    /// Works on the canvases' cell buffers directly: a frame compares every row, and a cell
    /// read through the canvas from this module was a call each.
    public static func runs(from old: Canvas?, to new: Canvas, rows screenRows: Int, cols screenCols: Int,
                            blanks: BlankMerging.Looks? = nil, scrolled: FrameScroll? = nil) -> [FrameRun] {
        let rows = min(new.rows, screenRows)
        let cols = min(new.cols, screenCols)
        guard rows > 0, cols > 0 else { return [] }
        let previous = old.flatMap { $0.rows == new.rows && $0.cols == new.cols ? $0 : nil }
        var plan = RowPlan(cols: cols)
        let stride = new.cols
        new.cells.withUnsafeBufferPointer { newCells in
            (previous?.cells ?? []).withUnsafeBufferPointer { oldCells in
                let hasOld = previous != nil
                for row in 0..<rows {
                    let base = row * stride
                    // The old row now on screen at `row`, nil when the screen's row is unknown.
                    let source: Int?
                    if !hasOld { source = nil } else if let scrolled { source = scrolled.source(of: row) } else { source = row }
                    let oldBase = (source ?? 0) * stride
                    if source != nil, equal(newCells, oldCells, newBase: base, oldBase: oldBase, count: stride) { continue }
                    plan.load(new: newCells, from: base, old: source == nil ? nil : oldCells, from: oldBase, blanks: blanks)
                    plan.diff(row: row)
                }
            }
        }
        return plan.runs
    }

    /// One row at a time: its cells in both frames (merged when asked) and the runs so far.
    struct RowPlan {
        let cols: Int
        var newRow: [Cell]
        var oldRow: [Cell]
        var hasOld = false
        var runs: [FrameRun] = []
        // The run being built. Plain locals, appended in place: a run kept in an optional tuple
        // was copied whole at every cell it grew by.
        var text: [UInt32] = []
        var runCol = -1, runRole = Role.normal, runColumns = 0

        init(cols: Int) {
            self.cols = cols
            newRow = Array(repeating: .blank, count: cols)
            oldRow = Array(repeating: .blank, count: cols)
        }

        mutating func load(new: UnsafeBufferPointer<Cell>, from base: Int, old: UnsafeBufferPointer<Cell>?, from oldBase: Int,
                           blanks: BlankMerging.Looks?) {
            Self.copy(new, from: base, into: &newRow, blanks: blanks)
            hasOld = old != nil
            if let old { Self.copy(old, from: oldBase, into: &oldRow, blanks: blanks) }
        }

        /// `row.count` cells from `base`, blanks merged when asked.
        static func copy(_ cells: UnsafeBufferPointer<Cell>, from base: Int, into row: inout [Cell], blanks: BlankMerging.Looks?) {
            row.withUnsafeMutableBufferPointer { row in
                for c in 0..<row.count { row[c] = cells[base + c] }
                if let blanks { BlankMerging.merge(row, looks: blanks) }
            }
        }

        mutating func diff(row: Int) {
            var col = 0
            while col < cols {
                let cell = newRow[col]
                // A glyph is one cell, or two when the next one is its continuation.
                let width = !cell.isContinuation && col + 1 < cols && newRow[col + 1].isContinuation ? 2 : 1
                let changed = !hasOld || oldRow[col] != cell || (width == 2 && oldRow[col + 1] != newRow[col + 1])
                if changed {
                    if runCol < 0 || runRole != cell.role || runCol + runColumns != col {
                        flush(row: row)
                        runCol = col
                        runRole = cell.role
                        runColumns = 0
                    }
                    if !cell.hasTail { appendGlyph(scalar: cell.scalar, columns: width, to: &text) } else { text += glyph(cell.text, columns: width) }
                    runColumns += width
                } else {
                    flush(row: row)
                }
                col += width
            }
            flush(row: row)
        }

        mutating func flush(row: Int) {
            if runCol >= 0 { runs.append(FrameRun(row: row, col: runCol, role: runRole, text: text, columns: runColumns)) }
            runCol = -1
            text.removeAll(keepingCapacity: true)
        }
    }

    /// The band of whole rows that moved by one line between two frames of the same size (a
    /// cursor move that scrolls the queue), when scrolling it saves rewriting at least
    /// `minimumRows` rows: the back end scrolls its copy of the screen and writes only what is
    /// new. `lines` 1: the rows moved up (row top+1 is now at top); -1: down.
    public static func scroll(from old: Canvas, to new: Canvas, minimumRows: Int = 3) -> FrameScroll? {
        guard old.rows == new.rows, old.cols == new.cols, new.rows > 2, new.cols > 0 else { return nil }
        let rows = new.rows, cols = new.cols
        return new.cells.withUnsafeBufferPointer { newCells in
            old.cells.withUnsafeBufferPointer { oldCells in
                func same(_ newRow: Int, _ oldRow: Int) -> Bool {
                    equal(newCells, oldCells, newBase: newRow * cols, oldBase: oldRow * cols, count: cols)
                }
                var best: FrameScroll?
                var bestGain = minimumRows - 1
                // Rows as they were: a scroll is worth it only where rows changed.
                let unchanged = (0..<rows).map { same($0, $0) }
                guard unchanged.filter({ !$0 }).count >= minimumRows else { return nil }
                for lines in [1, -1] {
                    // Runs of new rows that are the old rows `lines` further on; a run's gain is
                    // how many of its rows would otherwise be rewritten.
                    var start = -1, gain = 0
                    for row in 0...rows {
                        let source = row + lines
                        let moved = row < rows && source >= 0 && source < rows && same(row, source)
                        if moved {
                            if start < 0 { start = row; gain = 0 }
                            if !unchanged[row] { gain += 1 }
                        } else if start >= 0 {
                            if gain > bestGain {
                                bestGain = gain
                                // The region spans the run and the row it came from at its far end.
                                best = lines > 0 ? FrameScroll(top: start, bottom: row, lines: 1)
                                                 : FrameScroll(top: start - 1, bottom: row - 1, lines: -1)
                            }
                            start = -1
                        }
                    }
                }
                return best
            }
        }
    }

    /// Whether `count` cells from `newBase` in `a` are those from `oldBase` in `b`: memcmp,
    /// since a cell's every byte is defined (see `Cell.padding`; a test holds size == stride).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, newBase: Int, oldBase: Int, count: Int) -> Bool {
        guard let first = a.baseAddress, let second = b.baseAddress else { return count == 0 }
        return memcmp(first + newBase, second + oldBase, count * MemoryLayout<Cell>.stride) == 0
    }

    /// What to hand ncurses for one grapheme so that it takes exactly `columns` cells, whatever
    /// ncurses' own width table says: the base character plus up to four zero-width marks
    /// (a cchar_t holds five); a wide character in a one-column slot becomes a blank, a narrow
    /// one in a two-column slot is padded with a blank, an orphan continuation is a blank.
    public static func glyph(_ text: String, columns: Int) -> [UInt32] {
        let space: UInt32 = 0x20
        var scalars = text.unicodeScalars.makeIterator()
        guard let base = scalars.next() else { return Array(repeating: space, count: columns) }
        let baseWidth = width(base.value)
        // Unprintable, zero-width alone, or too wide for its slot: show blanks, never garble.
        guard baseWidth == 1 || (baseWidth == 2 && columns == 2) else { return Array(repeating: space, count: columns) }
        var out = [base.value]
        while let mark = scalars.next(), out.count < 5 {
            let w = width(mark.value)
            if w != 0 { break }                       // e.g. the next emoji of a ZWJ sequence
            if mark.value == 0x200D { break }         // a dangling ZWJ could join the next cell's glyph
            out.append(mark.value)
        }
        if baseWidth == 1 && columns == 2 { out.append(space) }
        return out
    }

    /// `glyph(_:columns:)` for a one-scalar cell, the common case, appended without a String
    /// or an array of its own.
    @inline(__always)
    static func appendGlyph(scalar: UInt32, columns: Int, to out: inout [UInt32]) {
        let space: UInt32 = 0x20
        if scalar >= 0x20 && scalar < 0x7F {
            out.append(scalar)
            if columns == 2 { out.append(space) }
            return
        }
        let baseWidth = scalar == 0 ? 0 : width(scalar)
        guard baseWidth == 1 || (baseWidth == 2 && columns == 2) else {
            for _ in 0..<columns { out.append(space) }
            return
        }
        out.append(scalar)
        if baseWidth == 1 && columns == 2 { out.append(space) }
    }

    static func width(_ scalar: UInt32) -> Int {
        _ = DisplayWidth.isUTF8
        return Int(ctw_wcwidth(scalar))
    }
}
