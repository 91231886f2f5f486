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

/// Decides what to write for a frame: the glyphs whose cells differ from the previous frame,
/// grouped into runs of one role. Pure: the ncurses back end executes the plan, tests inspect it.
public enum FramePlanner {
    /// Runs that turn `old` into `new` on a screen of `rows` × `cols` (the canvas is clipped to
    /// it). `old == nil` (first frame, resize, new theme) writes every cell. With `blanks`, the
    /// rows written have their blanks merged (`BlankMerging`) first, in both frames alike.
    ///
    /// Works on the canvases' cell buffers directly: a cursor move that scrolls the queue
    /// changes most rows, and a cell read through the canvas from this module was a call each.
    public static func runs(from old: Canvas?, to new: Canvas, rows screenRows: Int, cols screenCols: Int,
                            blanks: BlankMerging.Looks? = nil) -> [FrameRun] {
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
                    if hasOld, equal(oldCells, newCells, from: base, count: stride) { continue }
                    plan.load(new: newCells, old: hasOld ? oldCells : nil, from: base, blanks: blanks)
                    plan.diff(row: row)
                }
            }
        }
        return plan.runs
    }

    /// Whether `count` cells from `base` are the same in both buffers.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, from base: Int, count: Int) -> Bool {
        for i in base..<(base + count) where a[i] != b[i] { return false }
        return true
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

        mutating func load(new: UnsafeBufferPointer<Cell>, old: UnsafeBufferPointer<Cell>?, from base: Int, blanks: BlankMerging.Looks?) {
            let cols = cols
            newRow.withUnsafeMutableBufferPointer { row in
                for c in 0..<cols { row[c] = new[base + c] }
                if let blanks { BlankMerging.merge(row, looks: blanks) }
            }
            hasOld = old != nil
            guard let old else { return }
            oldRow.withUnsafeMutableBufferPointer { row in
                for c in 0..<cols { row[c] = old[base + c] }
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
