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

    public static func merged(_ canvas: Canvas, theme: ResolvedTheme) -> Canvas {
        // By a scan of the roles, not a [Role: Paint] dictionary: a raw-value enum hashes its
        // String, 65-135 ns a lookup here, and a frame makes hundreds.
        let roles = Role.allCases
        let paints = roles.map { blankLook(theme.style($0), depth: theme.depth) }
        func look(_ role: Role) -> Paint? {
            for index in roles.indices where roles[index] == role { return paints[index] }
            return nil
        }
        var out = canvas
        for row in 0..<canvas.rows {
            guard canvas.cols > 1 else { break }
            var previousRole = out[row, 0].role
            for col in 1..<canvas.cols {
                var cell = out[row, col]
                if cell.scalar == 0x20, cell.rest == nil, cell.role != previousRole,
                   let paint = look(cell.role), paint == look(previousRole) {
                    cell.role = previousRole
                    out[row, col] = cell
                }
                previousRole = cell.role
            }
        }
        return out
    }
}
