/// The action form and the confirmation dialog, drawn as boxes over the lower screen.
enum FormScreen {
    /// `keys`: the form's keys in a line, from the registry (they close the box).
    static func draw(_ canvas: inout Canvas, _ form: FormModel, keys: String) {
        let width = min(canvas.cols - 4, 76)
        let left = (canvas.cols - width) / 2
        let messageLines = form.message.map { TextWrap.lines($0, width: width - 2) } ?? []
        let contextLines = form.context.flatMap { TextWrap.lines($0, width: width - 2) }
        let boxWidth = width - 14
        let fieldLines = form.fields.reduce(0) { $0 + 1 + errorHeight($1, width: boxWidth) }
        let lines = contextLines.count + (messageLines.isEmpty ? 0 : messageLines.count + 1) + fieldLines + 4
        let top = max(2, canvas.rows - 2 - lines)
        canvas.fill(row: top, col: left, height: lines, width: width, role: .dialog)
        canvas.put(" " + form.title, row: top, col: left, role: .header, width: width)
        var y = top + 1
        for line in messageLines {
            canvas.put(" " + line, row: y, col: left, role: .statusDanger, width: width)
            y += 1
        }
        if !messageLines.isEmpty { y += 1 }
        for line in contextLines {
            canvas.put(" " + line, row: y, col: left, role: .dialog, width: width)
            y += 1
        }
        y += 1
        for (i, field) in form.fields.enumerated() {
            let label = " " + DisplayWidth.pad(field.label, to: 10) + " "
            // The focused field's label is lit, so the eye finds where typing goes.
            let x = canvas.put(label, row: y, col: left, role: i == form.focus ? .selected : .dialog)
            let boxWidth = width - (x - left) - 2
            canvas.fill(row: y, col: x, height: 1, width: boxWidth, role: field.error == nil ? .input : .inputError)
            let (value, cursorColumn) = FieldText.shown(field, width: boxWidth)
            canvas.put(value, row: y, col: x, role: field.error == nil ? .input : .inputError, width: boxWidth)
            if i == form.focus { canvas.cursor = (y, min(canvas.cols - 1, x + cursorColumn)) }
            if let error = field.error {
                // An error longer than the box goes on over the next lines of the dialog's width.
                for (n, line) in TextWrap.lines(error, width: boxWidth).enumerated() {
                    canvas.put(line, row: y + 1 + n, col: x, role: .inputError, width: boxWidth)
                }
            }
            y += 1 + FormScreen.errorHeight(field, width: boxWidth)
        }
        canvas.put(" " + keys, row: top + lines - 1, col: left, role: .muted, width: width)
    }

    /// Rows under a field for its error: at least one (a blank spacer), more when it wraps.
    static func errorHeight(_ field: FormModel.Field, width: Int) -> Int {
        max(1, field.error.map { TextWrap.lines($0, width: width).count } ?? 1)
    }
}

/// What a field shows in a box `width` wide, and where its cursor is: a choice's options, or
/// the text scrolled to keep the cursor in view (line breaks in remarks shown as ↵).
enum FieldText {
    static func shown(_ field: FormModel.Field, width: Int) -> (String, Int) {
        if case let .choice(options) = field.kind { return choices(options, selected: field.choiceIndex, width: width) }
        let (text, column) = field.editor.window(width: width)
        return (field.editor.allowsNewlines ? text.replacingOccurrences(of: "\n", with: "↵") : text, column)
    }

    /// The options in a row, the chosen one in brackets. When they do not all fit, the row
    /// shows the options around the chosen one, with ‹ and › saying more lie that way: the
    /// chosen option is always on screen, whole.
    static func choices(_ options: [String], selected: Int, width: Int) -> (String, Int) {
        let tokens = options.enumerated().map { $0.offset == selected ? "[\($0.element)]" : " \($0.element) " }
        let all = tokens.joined(separator: " ")
        guard DisplayWidth.of(all) > width, tokens.indices.contains(selected) else {
            let column = DisplayWidth.of(tokens.prefix(selected).joined(separator: " ")) + (selected > 0 ? 1 : 0)
            return (all, column)
        }
        var first = selected, last = selected
        func fits(_ a: Int, _ b: Int) -> Bool {
            let marks = (a > 0 ? 2 : 0) + (b < tokens.count - 1 ? 2 : 0)
            return DisplayWidth.of(tokens[a...b].joined(separator: " ")) + marks <= width
        }
        var grew = true
        while grew {
            grew = false
            if last + 1 < tokens.count, fits(first, last + 1) { last += 1; grew = true }
            if first > 0, fits(first - 1, last) { first -= 1; grew = true }
        }
        let left = first > 0 ? "‹ " : ""
        let text = left + tokens[first...last].joined(separator: " ") + (last < tokens.count - 1 ? " ›" : "")
        let column = DisplayWidth.of(left + tokens[first..<selected].joined(separator: " ")) + (selected > first ? 1 : 0)
        return (text, column)
    }
}

enum ConfirmScreen {
    /// The keys the box names, from the registry (`CommandRegistry.confirmKeys`).
    struct Keys {
        /// Each answer: every key that gives it ("n/Esc/Enter") and its word.
        let answers: [(keys: String, word: String)]
        /// The key that answers no, and the one that opens an order (to read details cut short).
        let no: String
        let open: String
    }

    /// The question, its details wrapped (nothing cut: a detail longer than the dialog goes on
    /// over more lines), and the answers. Details that do not fit the screen end in a line
    /// saying how many more there are and where to read them.
    static func draw(_ canvas: inout Canvas, _ question: ConfirmModel, keys: Keys) {
        let width = min(canvas.cols - 4, 72)
        let left = (canvas.cols - width) / 2
        // A long question wraps rather than losing its end, where the amount usually is
        // ("… asking for partial refund, keeping the goods of €1,900.00?").
        let title = Array(TextWrap.lines(Sanitizer.clean(question.question), width: width - 2).prefix(3))
        var details = question.details.flatMap { TextWrap.lines(Sanitizer.clean(multiline: $0), width: width - 2) }
        let room = max(1, canvas.rows - 4 - 4 - title.count)
        if details.count > room {
            let hidden = details.count - room + 1
            details = Array(details.prefix(room - 1)) + ["… \(hidden) more line\(hidden == 1 ? "" : "s"): answer \(keys.no) and open the order (\(keys.open)) to read them"]
        }
        let lines = title.count + details.count + 4
        let top = max(2, (canvas.rows - lines) / 2)
        canvas.fill(row: top, col: left, height: lines, width: width, role: .dialog)
        for (i, line) in title.enumerated() {
            canvas.put(" " + line, row: top + 1 + i, col: left, role: .header, width: width)
        }
        for (i, line) in details.enumerated() {
            canvas.put(" " + line, row: top + 1 + title.count + i, col: left, role: .dialog, width: width)
        }
        let answer = "  " + keys.answers.map { "\($0.keys) \($0.word)" }.joined(separator: "    ") + "  "
        let end = canvas.put(answer, row: top + lines - 2, col: left + 1, role: .dialog, width: width - 2)
        canvas.cursor = (top + lines - 2, min(canvas.cols - 1, end - 1))
    }
}
