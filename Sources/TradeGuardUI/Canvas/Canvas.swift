/// One cell of the screen: a grapheme (or "" for the right half of a wide one) and its role.
///
/// Stored as its first Unicode scalar plus, rarely, the rest of the grapheme (combining marks,
/// emoji sequences): a frame is thousands of cells built and compared every keystroke, and a
/// String per cell made that a third of the frame's cost.
public struct Cell: Equatable, Sendable {
    /// The first scalar's value; 0 for a continuation (the right half of a wide character).
    public private(set) var scalar: UInt32
    /// The scalars after the first, when there are any.
    public private(set) var rest: String?
    public var role: Role

    public init(text: String, role: Role) {
        var scalars = text.unicodeScalars.makeIterator()
        if let first = scalars.next() {
            scalar = first.value
            rest = scalars.next() == nil ? nil : String(text.unicodeScalars.dropFirst())
        } else {
            scalar = 0
            rest = nil
        }
        self.role = role
    }

    /// A one-scalar cell, without building a String.
    @inline(__always)
    init(scalar: UInt32, role: Role) {
        self.scalar = scalar
        rest = nil
        self.role = role
    }

    public var text: String {
        get {
            guard scalar != 0, let first = Unicode.Scalar(scalar) else { return "" }
            return rest.map { String(first) + $0 } ?? String(first)
        }
        set { self = Cell(text: newValue, role: role) }
    }

    public static let blank = Cell(scalar: 0x20, role: .normal)
    /// The second column of a two-column character.
    public var isContinuation: Bool { scalar == 0 && rest == nil }
}

/// A grid of cells measured in display columns. Screens draw on it; a back end presents it
/// (ncurses, or the in-memory terminal of the tests). Drawing clips at the edges and never
/// splits a wide character.
public struct Canvas: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public private(set) var cells: [Cell]
    /// Where the hardware cursor should rest (the selected row): screen readers follow it.
    public var cursor: (row: Int, col: Int)? {
        get { cursorRow.map { ($0, cursorCol) } }
        set { cursorRow = newValue?.row; cursorCol = newValue?.col ?? 0 }
    }
    private var cursorRow: Int?
    private var cursorCol = 0

    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.rows == b.rows && a.cols == b.cols && a.cells == b.cells && a.cursorRow == b.cursorRow && a.cursorCol == b.cursorCol
    }

    public subscript(row: Int, col: Int) -> Cell {
        get { cells[row * cols + col] }
        set { cells[row * cols + col] = newValue }
    }

    /// True when `row` holds the same cells in both canvases (of the same size): a frame diff
    /// skips such rows whole, which most rows of most frames are.
    public func rowEquals(_ other: Canvas, row: Int) -> Bool {
        guard other.cols == cols, row >= 0, row < rows, row < other.rows else { return false }
        let range = row * cols ..< (row + 1) * cols
        return cells[range].elementsEqual(other.cells[range])
    }

    /// Writes `text` (sanitised) from (row, col), at most `width` columns (default: to the edge).
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, role: Role = .normal, width: Int? = nil) -> Int {
        guard row >= 0, row < rows, col < cols else { return col }
        let limit = min(cols, width.map { col + max(0, $0) } ?? cols)
        var c = col
        if Sanitizer.isPrintableASCII(text) {
            // The common case, without grapheme breaking or width lookups: one byte, one cell.
            for byte in text.utf8 {
                if c + 1 > limit { break }
                if c >= 0 {
                    clearWide(row: row, col: c)
                    self[row, c] = Cell(scalar: UInt32(byte), role: role)
                }
                c += 1
            }
            return c
        }
        for character in Sanitizer.clean(text) {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A combining mark joins the character before it.
                if c > 0, c - 1 < cols, c - 1 >= max(0, col) {
                    let base = self[row, c - 1].isContinuation && c >= 2 ? c - 2 : c - 1
                    self[row, base].text.append(character)
                }
                continue
            }
            if c + w > limit {
                // A wide character that does not fit is never split: the gap stays blank.
                if c < limit && c >= 0 { self[row, c] = Cell(scalar: 0x20, role: role) }
                break
            }
            if c >= 0 {
                clearWide(row: row, col: c)
                self[row, c] = Cell(text: String(character), role: role)
                if w == 2 {
                    clearWide(row: row, col: c + 1)
                    self[row, c + 1] = Cell(scalar: 0, role: role)
                }
            }
            c += w
        }
        return c
    }

    /// Fills a rectangle with spaces in `role`.
    public mutating func fill(row: Int, col: Int, height: Int, width: Int, role: Role = .normal) {
        for r in max(0, row)..<max(max(0, row), min(rows, row + height)) {
            for c in max(0, col)..<max(max(0, col), min(cols, col + width)) {
                clearWide(row: r, col: c)
                self[r, c] = Cell(scalar: 0x20, role: role)
            }
        }
    }

    /// A horizontal rule.
    public mutating func hline(row: Int, col: Int, width: Int, role: Role = .border) {
        put(String(repeating: "─", count: max(0, width)), row: row, col: col, role: role, width: width)
    }

    /// Overwriting half of a wide character blanks its other half, so no half-glyph remains.
    private mutating func clearWide(row: Int, col: Int) {
        guard col >= 0, col < cols else { return }
        if self[row, col].isContinuation, col > 0 {
            self[row, col - 1] = Cell(scalar: 0x20, role: self[row, col - 1].role)
        } else if col + 1 < cols, self[row, col + 1].isContinuation {
            self[row, col + 1] = Cell(scalar: 0x20, role: self[row, col + 1].role)
        }
    }

    /// The screen as text, one line per row, trailing blanks trimmed: what golden files hold.
    public var text: String {
        (0..<rows).map { line($0) }.joined(separator: "\n")
    }

    public func line(_ row: Int) -> String {
        var out = ""
        for c in 0..<cols { out += self[row, c].text }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The roles of a row, one per column, for colour tests.
    public func roleLine(_ row: Int) -> [Role] { (0..<cols).map { self[row, $0].role } }
}
