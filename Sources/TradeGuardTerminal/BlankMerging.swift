import TradeGuardUI

/// Gives blank cells the role of the cell before them when a blank looks the same in both, so
/// a row of differently coloured columns is written with fewer attribute changes. A blank
/// shows only its background (the foreground when reversed) and any underline: a space
/// between a muted state and a green amount looks identical in either role, but switching the
/// terminal's attributes back and forth around it costs about 25 bytes per gap (ncurses
/// resets with `ESC [39m ESC (B ESC [m` and sets the next colour). A cursor move in the queue
/// rewrites two such rows.
///
/// Pure, on the canvas the back end is about to write: the screen looks exactly as drawn.
public enum BlankMerging {
    /// What a blank in `style` shows.
    enum Paint: Hashable {
        case terminalForeground, terminalBackground, indexed(Int)
    }

    /// Nil when a blank in `style` shows more than a colour (an underline): never merged.
    static func blankLook(_ style: ResolvedStyle, depth: ColorDepth) -> Paint? {
        if style.attributes.contains(.underline) { return nil }
        let reversed = style.attributes.contains(.reverse)
        let colour = reversed ? style.foreground : style.background
        if case let .indexed(n) = colour, depth != .mono { return .indexed(n) }
        return reversed ? .terminalForeground : .terminalBackground
    }

    /// What a blank shows in each role under one theme: worked out once per theme, then looked
    /// up for the changed rows of every frame.
    public struct Looks: Sendable {
        /// By `Role.ordinal`.
        let paints: [Paint?]

        public init(_ theme: ResolvedTheme) {
            var paints = [Paint?](repeating: nil, count: Role.allCases.count)
            for role in Role.allCases { paints[role.ordinal] = blankLook(theme.style(role), depth: theme.depth) }
            self.paints = paints
        }

        func look(_ role: Role) -> Paint? { paints[role.ordinal] }
    }

    /// Merges the blanks of one row, in place.
    static func merge(_ row: UnsafeMutableBufferPointer<Cell>, looks: Looks) {
        guard row.count > 1 else { return }
        var previousRole = row[0].role
        for col in 1..<row.count {
            let cell = row[col]
            if cell.scalar == 0x20, !cell.hasTail, cell.role != previousRole,
               let paint = looks.look(cell.role), paint == looks.look(previousRole) {
                row[col].role = previousRole
            } else {
                previousRole = cell.role
            }
        }
    }

    /// The whole canvas merged (the frame planner merges only the rows it writes).
    public static func merged(_ canvas: Canvas, theme: ResolvedTheme) -> Canvas {
        let looks = Looks(theme)
        var out = canvas
        for row in 0..<canvas.rows {
            var line = Array(canvas.cells[row * canvas.cols ..< (row + 1) * canvas.cols])
            line.withUnsafeMutableBufferPointer { merge($0, looks: looks) }
            out.setRow(row, to: line)
        }
        return out
    }
}
