import CTextWidth
import Foundation

/// One cell of the screen: a grapheme (or "" for the right half of a wide one) and its role.
///
/// Plain data (no references): a frame is thousands of cells built, copied and compared every
/// keystroke, and a String per cell — even an optional one, only for combining marks — made
/// retain/release a fifth of a frame's cost. A grapheme of several scalars keeps its first
/// scalar here and the rest as an interned id (`GraphemeTails`), so equal cells are equal bits.
public struct Cell: Equatable, Sendable {
    /// The first scalar's value; 0 for a continuation (the right half of a wide character).
    public private(set) var scalar: UInt32
    /// 0, or the `GraphemeTails` id of the scalars after the first.
    @usableFromInline var tail: UInt32
    public var role: Role
    /// The bytes after `role`, spelled out and always zero: a cell has no undefined padding, so
    /// rows of cells compare with memcmp (the back end compares every row of every frame).
    private var padding: (UInt8, UInt8, UInt8) = (0, 0, 0)

    /// Whether scalars follow the first (a combining mark, an emoji sequence).
    @inlinable public var hasTail: Bool { tail != 0 }

    // Spelled out and inlinable: a back end compares thousands of cells a frame from another
    // module, where the synthesised operator is a call each.
    @inlinable public static func == (a: Cell, b: Cell) -> Bool {
        a.scalar == b.scalar && a.tail == b.tail && a.role == b.role
    }

    public init(text: String, role: Role) {
        var scalars = text.unicodeScalars.makeIterator()
        if let first = scalars.next() {
            scalar = first.value
            tail = scalars.next() == nil ? 0 : GraphemeTails.id(String(text.unicodeScalars.dropFirst()))
        } else {
            scalar = 0
            tail = 0
        }
        self.role = role
    }

    /// A one-scalar cell, without building a String.
    @inline(__always)
    init(scalar: UInt32, role: Role) {
        self.scalar = scalar
        tail = 0
        self.role = role
    }

    /// The scalars after the first, when there are any.
    public var rest: String? { tail == 0 ? nil : GraphemeTails.string(tail) }

    public var text: String {
        get {
            guard scalar != 0, let first = Unicode.Scalar(scalar) else { return "" }
            return rest.map { String(first) + $0 } ?? String(first)
        }
        set { self = Cell(text: newValue, role: role) }
    }

    public static let blank = Cell(scalar: 0x20, role: .normal)
    /// The second column of a two-column character.
    @inlinable public var isContinuation: Bool { scalar == 0 && tail == 0 }
}

/// The tails of multi-scalar graphemes (combining marks, emoji sequences), interned process-wide
/// so a cell can hold one as a number. Text on screen repeats, so the table stays small; past
/// `capacity` distinct tails (hostile data) new ones are dropped and such a cell shows its base.
enum GraphemeTails {
    static let capacity = 1 << 16
    private static let lock = NSLock()
    nonisolated(unsafe) private static var ids: [String: UInt32] = [:]
    nonisolated(unsafe) private static var strings: [String] = [""]

    static func id(_ tail: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[tail] { return id }
        guard strings.count < capacity else { return 0 }
        let id = UInt32(strings.count)
        strings.append(tail)
        ids[tail] = id
        return id
    }

    static func string(_ id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return Int(id) < strings.count ? strings[Int(id)] : ""
    }
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
            // Only the span's two ends can cut a wide character; the cells between are all
            // overwritten.
            let count = max(0, min(text.utf8.count, limit - col))
            let first = max(col, 0), end = col + count
            guard first < end else { return end }
            clearWide(row: row, col: first)
            clearWide(row: row, col: end - 1)
            let base = row * cols
            var x = col
            for byte in text.utf8.prefix(count) {
                if x >= 0 { cells[base + x] = Cell(scalar: UInt32(byte), role: role) }
                x += 1
            }
            return end
        }
        if DisplayWidth.simpleWidth(text) != nil {
            // Every scalar its own grapheme, one or two columns: drawn scalar by scalar.
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let w = v < 0x7F ? 1 : Int(ctw_wcwidth(v))
                if c + w > limit {
                    if c < limit && c >= 0 { self[row, c] = Cell(scalar: 0x20, role: role) }
                    break
                }
                if c >= 0 {
                    clearWide(row: row, col: c)
                    self[row, c] = Cell(scalar: v, role: role)
                    if w == 2 {
                        clearWide(row: row, col: c + 1)
                        self[row, c + 1] = Cell(scalar: 0, role: role)
                    }
                }
                c += w
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

    /// Replaces row `row` with `line`, a row of the same width drawn earlier, every cell in
    /// `role` when one is given.
    public mutating func setRow(_ row: Int, to line: [Cell], role: Role? = nil) {
        guard row >= 0, row < rows, line.count == cols else { return }
        let base = row * cols
        if let role {
            for c in 0..<cols {
                var cell = line[c]
                cell.role = role
                cells[base + c] = cell
            }
        } else {
            cells.replaceSubrange(base ..< base + cols, with: line)
        }
    }

    /// Fills a rectangle with spaces in `role`.
    public mutating func fill(row: Int, col: Int, height: Int, width: Int, role: Role = .normal) {
        let first = max(0, col), end = min(cols, col + width)
        guard first < end else { return }
        let blank = Cell(scalar: 0x20, role: role)
        for r in max(0, row)..<max(max(0, row), min(rows, row + height)) {
            // As in `put`: only the ends can cut a wide character.
            clearWide(row: r, col: first)
            clearWide(row: r, col: end - 1)
            for c in first..<end { cells[r * cols + c] = blank }
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
