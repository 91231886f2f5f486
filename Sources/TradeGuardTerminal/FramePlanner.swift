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
    /// it). `old == nil` (first frame, resize, new theme) writes every cell.
    public static func runs(from old: Canvas?, to new: Canvas, rows screenRows: Int, cols screenCols: Int) -> [FrameRun] {
        let rows = min(new.rows, screenRows)
        let cols = min(new.cols, screenCols)
        guard rows > 0, cols > 0 else { return [] }
        let previous = old.flatMap { $0.rows == new.rows && $0.cols == new.cols ? $0 : nil }
        var runs: [FrameRun] = []
        // The run being built. Plain locals, appended in place: a run kept in an optional tuple
        // was copied whole at every cell it grew by.
        var text: [UInt32] = []
        var runCol = -1, runRole = Role.normal, runColumns = 0
        for row in 0..<rows {
            if let previous, previous.rowEquals(new, row: row) { continue }
            func flush() {
                if runCol >= 0 { runs.append(FrameRun(row: row, col: runCol, role: runRole, text: text, columns: runColumns)) }
                runCol = -1
                text.removeAll(keepingCapacity: true)
            }
            var col = 0
            while col < cols {
                let cell = new[row, col]
                // A glyph is one cell, or two when the next one is its continuation.
                let width = !cell.isContinuation && col + 1 < cols && new[row, col + 1].isContinuation ? 2 : 1
                var changed = previous == nil
                if let previous, !changed {
                    changed = previous[row, col] != cell || (width == 2 && previous[row, col + 1] != new[row, col + 1])
                }
                if changed {
                    if runCol < 0 || runRole != cell.role || runCol + runColumns != col {
                        flush()
                        runCol = col
                        runRole = cell.role
                        runColumns = 0
                    }
                    if cell.rest == nil { appendGlyph(scalar: cell.scalar, columns: width, to: &text) } else { text += glyph(cell.text, columns: width) }
                    runColumns += width
                } else {
                    flush()
                }
                col += width
            }
            flush()
        }
        return runs
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
