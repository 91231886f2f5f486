/// The contract form, full screen below the title bar, scrolled to keep the cursor in view.
enum ContractScreen {
    /// `keys`: the form's keys in a line, from the registry (after its title).
    static func draw(_ canvas: inout Canvas, _ form: ContractFormModel, keys: String) {
        let top = 1
        let height = canvas.rows - 2
        canvas.fill(row: top, col: 0, height: height, width: canvas.cols, role: .dialog)
        canvas.put(" " + form.title + "  (" + keys + ")",
                   row: top, col: 0, role: .header, width: canvas.cols)
        var row = top + 1
        if let message = form.message {
            // In full: a conflict names who saved and what they changed.
            for line in TextWrap.lines(message, width: canvas.cols - 2) {
                canvas.put(" " + line, row: row, col: 0, role: .statusDanger, width: canvas.cols)
                row += 1
            }
        }
        canvas.put(" " + form.preview, row: row, col: 0, role: .money, width: canvas.cols)
        row += 2
        // Each field takes a line, plus one for its error; scroll so the focused field shows.
        let room = top + height - row
        let heights = form.fields.map { $0.base.error == nil ? 1 : 2 }
        var first = 0
        while heights[first...form.focus].reduce(0, +) > room && first < form.focus { first += 1 }
        for i in first..<form.fields.count {
            let field = form.fields[i].base
            guard row + heights[i] <= top + height else { break }
            let x = canvas.put(" " + DisplayWidth.pad(field.label, to: 15) + " ", row: row, col: 0, role: i == form.focus ? .selected : .dialog)
            let width = canvas.cols - x - 2
            canvas.fill(row: row, col: x, height: 1, width: width, role: field.error == nil ? .input : .inputError)
            let (value, cursorColumn) = FieldText.shown(field, width: width)
            canvas.put(value, row: row, col: x, role: field.error == nil ? .input : .inputError, width: width)
            if i == form.focus { canvas.cursor = (row, min(canvas.cols - 1, x + cursorColumn)) }
            if let error = field.error { canvas.put(error, row: row + 1, col: x, role: .inputError, width: width) }
            row += heights[i]
        }
    }
}
