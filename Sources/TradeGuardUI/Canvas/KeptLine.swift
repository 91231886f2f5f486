/// One screen row kept as drawn, with what it was drawn from: drawn again only when that
/// changes. For bars whose text costs more to format than to copy (the title bar's amounts and
/// clock, the tab labels), which otherwise would be formatted anew at every keystroke.
struct KeptLine<Inputs: Equatable> {
    private var kept: (inputs: Inputs, cells: [Cell])?

    /// Puts row `row` on `canvas`: the kept cells when `inputs` are unchanged, else what `draw`
    /// puts on that row of a blank canvas of the same size (then kept).
    mutating func put(on canvas: inout Canvas, row: Int, inputs: Inputs, draw: (inout Canvas) -> Void) {
        if let kept, kept.inputs == inputs, kept.cells.count == canvas.cols {
            canvas.setRow(row, to: kept.cells)
            return
        }
        var scratch = Canvas(rows: row + 1, cols: canvas.cols)
        draw(&scratch)
        let cells = Array(scratch.cells[(row * canvas.cols)...])
        kept = (inputs, cells)
        canvas.setRow(row, to: cells)
    }
}
