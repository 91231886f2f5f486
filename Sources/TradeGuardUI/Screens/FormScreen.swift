/// The action form and the confirmation dialog, drawn as boxes over the lower screen.
enum FormScreen {
    static func draw(_ canvas: inout Canvas, _ form: FormModel) {
        let width = min(canvas.cols - 4, 76)
        let left = (canvas.cols - width) / 2
        let lines = form.context.count + (form.message == nil ? 0 : 2) + form.fields.count * 2 + 4
        let top = max(2, canvas.rows - 2 - lines)
        canvas.fill(row: top, col: left, height: lines, width: width, role: .dialog)
        canvas.put(" " + form.title, row: top, col: left, role: .header, width: width)
        var y = top + 1
        if let message = form.message {
            canvas.put(" " + message, row: y, col: left, role: .statusDanger, width: width)
            y += 2
        }
        for line in form.context {
            canvas.put(" " + line, row: y, col: left, role: .dialog, width: width)
            y += 1
        }
        y += 1
        for (i, field) in form.fields.enumerated() {
            let label = " " + DisplayWidth.pad(field.label, to: 10) + " "
            let x = canvas.put(label, row: y, col: left, role: .dialog)
            let value: String
            if case let .choice(options) = field.kind {
                value = options.enumerated().map { $0.offset == field.choiceIndex ? "[\($0.element)]" : " \($0.element) " }.joined(separator: " ")
            } else {
                value = field.editor.text
            }
            let boxWidth = width - (x - left) - 2
            canvas.fill(row: y, col: x, height: 1, width: boxWidth, role: field.error == nil ? .input : .inputError)
            let end = canvas.put(value, row: y, col: x, role: field.error == nil ? .input : .inputError, width: boxWidth)
            if i == form.focus { canvas.cursor = (y, min(canvas.cols - 1, end)) }
            if let error = field.error { canvas.put(error, row: y + 1, col: x, role: .inputError, width: boxWidth) }
            y += 2
        }
        canvas.put(" Enter submit · Tab next field · Left/Right choose · Esc cancel", row: top + lines - 1, col: left, role: .muted, width: width)
    }
}

enum ConfirmScreen {
    /// The question, its details wrapped (nothing cut: a detail longer than the dialog goes on
    /// over more lines), and the answers. Details that do not fit the screen end in a line
    /// saying how many more there are and where to read them.
    static func draw(_ canvas: inout Canvas, _ question: ConfirmModel) {
        let width = min(canvas.cols - 4, 72)
        let left = (canvas.cols - width) / 2
        var details = question.details.flatMap { TextWrap.lines(Sanitizer.clean(multiline: $0), width: width - 2) }
        let room = max(1, canvas.rows - 4 - 5)
        if details.count > room {
            let hidden = details.count - room + 1
            details = Array(details.prefix(room - 1)) + ["… \(hidden) more line\(hidden == 1 ? "" : "s"): answer n and open the order (Enter) to read them"]
        }
        let lines = details.count + 5
        let top = max(2, (canvas.rows - lines) / 2)
        canvas.fill(row: top, col: left, height: lines, width: width, role: .dialog)
        canvas.put(" " + question.question, row: top + 1, col: left, role: .header, width: width)
        for (i, line) in details.enumerated() {
            canvas.put(" " + line, row: top + 2 + i, col: left, role: .dialog, width: width)
        }
        let answer = "  y \(question.yes)    [N]o (Enter, Esc)  "
        let end = canvas.put(answer, row: top + lines - 2, col: left + 1, role: .dialog, width: width - 2)
        canvas.cursor = (top + lines - 2, min(canvas.cols - 1, end - 1))
    }
}
