import Foundation
import Testing

/// A queue scrolled a row at a time is drawn by scrolling the terminal's band of rows and
/// writing only the new row and the ones that changed (`FramePlanner.scroll`, issue 19). What the
/// terminal then shows must be what a full repaint shows: every character with its colours and
/// attributes, as `VisibleScreen` reads them from tmux.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct ScrolledQueueScreenTests {
    @Test func aQueueScrolledRowByRowShowsWhatAFullRepaintShows() throws {
        let tmux = try TmuxHarness()
        guard let bin = TmuxHarness.builtProgram() else { throw TmuxHarness.Failure(description: "tradeguard binary not found") }
        let db = tmux.folder + "/seeded.sqlite"
        let made = TmuxHarness.shell("\(TmuxHarness.quote(bin)) seed --orders 400 --db \(TmuxHarness.quote(db))", mergeErrors: true)
        guard made.status == 0 else { throw TmuxHarness.Failure(description: "seed failed: \(made.output)") }
        try tmux.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as seed-s0001",
                       cols: 100, rows: 30, env: ["TERM": "xterm-256color"])
        try tmux.waitFor("Awaiting you")
        tmux.send(keys: ["7"])
        try tmux.waitFor("row 1 of")

        /// The screen now, and the same screen after a resize away and back has repainted it whole.
        func screenAndRepaint(row: Int) throws -> (drawn: String, repainted: String) {
            let drawn = tmux.captureWithColours()
            tmux.resize(cols: 90, rows: 30)
            try tmux.waitUntil("the narrower screen") { $0.split(separator: "\n").allSatisfy { $0.count <= 90 } && $0.contains("row \(row) of") }
            tmux.resize(cols: 100, rows: 30)
            try tmux.waitUntil("the screen at its width again") { screen in screen.split(separator: "\n").contains { $0.count > 90 } && screen.contains("row \(row) of") }
            return (drawn, tmux.captureWithColours())
        }

        // Down a row at a time, well past the first page: every move after it scrolls the queue.
        for row in 2...40 {
            tmux.send(keys: ["Down"])
            try tmux.waitFor("row \(row) of")
        }
        let down = try screenAndRepaint(row: 40)
        #expect(VisibleScreen(down.drawn) == VisibleScreen(down.repainted), "scrolled down:\n\(down.drawn)\nrepainted:\n\(down.repainted)")

        // Back up past the top of the page: these moves scroll the other way.
        for row in stride(from: 39, through: 5, by: -1) {
            tmux.send(keys: ["Up"])
            try tmux.waitFor("row \(row) of")
        }
        let up = try screenAndRepaint(row: 5)
        #expect(VisibleScreen(up.drawn) == VisibleScreen(up.repainted), "scrolled up:\n\(up.drawn)\nrepainted:\n\(up.repainted)")
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)
    }
}

/// A screen as the eye sees it, from `capture-pane -e`: each cell's character, colours and
/// attributes. A blank shows only its background (its foreground when reversed) and any
/// underline, so two captures that differ only in a blank's foreground or boldness (ncurses
/// may erase a gap, where a repaint writes spaces) are the same screen.
struct VisibleScreen: Equatable {
    struct Look: Equatable {
        var foreground = "default", background = "default"
        var bold = false, dim = false, italic = false, underline = false, reverse = false
    }
    struct Cell: Equatable {
        let character: Character
        let look: Look
    }
    let rows: [[Cell]]

    init(_ capture: String) {
        rows = capture.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var look = Look(), cells: [Cell] = []
            var characters = Array(line)[...]
            while let character = characters.popFirst() {
                guard character == "\u{1B}", characters.first == "[" else {
                    cells.append(Self.visible(character, look))
                    continue
                }
                characters.removeFirst()
                var parameters = ""
                while let next = characters.popFirst(), next != "m" { parameters.append(next) }
                Self.apply(parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }, to: &look)
            }
            // Blanks to the edge of the screen in the terminal's colours are the same as nothing.
            while let last = cells.last, last == Self.visible(" ", Look()) { cells.removeLast() }
            return cells
        }
    }

    static func visible(_ character: Character, _ look: Look) -> Cell {
        guard character == " " else { return Cell(character: character, look: look) }
        var seen = Look()
        seen.background = look.reverse ? look.foreground : look.background
        seen.underline = look.underline
        return Cell(character: " ", look: seen)
    }

    static func apply(_ codes: [Int], to look: inout Look) {
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: look = Look()
            case 1: look.bold = true
            case 2: look.dim = true
            case 3: look.italic = true
            case 4: look.underline = true
            case 7: look.reverse = true
            case 22: look.bold = false; look.dim = false
            case 23: look.italic = false
            case 24: look.underline = false
            case 27: look.reverse = false
            case 30...37, 90...97: look.foreground = "\(code)"
            case 40...47, 100...107: look.background = "\(code)"
            case 39: look.foreground = "default"
            case 49: look.background = "default"
            case 38, 48:
                let colour = index + 2 < codes.count && codes[index + 1] == 5 ? "\(codes[index + 2])" : "?"
                if code == 38 { look.foreground = colour } else { look.background = colour }
                index += 2
            default: break
            }
            index += 1
        }
    }
}
