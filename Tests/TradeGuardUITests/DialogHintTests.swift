import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// What a dialog says about its keys — in its hint bar and in its box — comes from the registry
/// that handles them (issue 22): every key named is bound in that dialog's context to the
/// command whose words it shows, and every hinted command of the context is named. Checked with
/// the default keys and with keys.conf rebinding the dialogs' keys.
struct DialogHintTests {
    static let rebound = """
        confirm.yes = o
        confirm.no = x
        message.close = c
        help.close = F2
        tooSmall.quit = X
        form.submit = C-s
        contract.save = C-w
        filter.keep = C-k
        palette.run = C-r
        """

    @Test(arguments: [nil, rebound])
    func everyKeyADialogNamesIsBoundThereAndEveryHintedCommandIsNamed(_ bindings: String?) throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        func fresh() throws -> AppModel {
            let app = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 },
                                   keyBindings: bindings.map { (text: $0, file: "keys.conf") })
            app.size = (30, 160)
            app.handle(.character("3"))                  // Drafts
            return app
        }

        // The yes/no question: its bar, and its box's answers (yes in the question's own word).
        var app = try fresh()
        app.handle(.character("u"))
        let question = try #require(app.question, "u on a draft asks")
        var canvas = app.render()
        Self.checkBar(canvas, .confirm, app)
        let width = min(canvas.cols - 4, 72)
        let answers = try #require((0..<canvas.rows).map { Self.slice(canvas, row: $0, left: (canvas.cols - width) / 2, width: width) }
            .first { $0.contains(" \(question.yes)    ") }, "the answers line\n\(canvas.text)")
        Self.checkAll(answers.components(separatedBy: "    "), .confirm, app, yes: question.yes, where: "confirm box")
        // What the app says about answering names the same keys.
        app.didPresent()
        app.handle(.paste("y"))
        let (yes, no) = bindings == nil ? ("y", "n") : ("o", "x")
        #expect(app.toast?.text == "Pasted text is not an answer: press \(yes) to \(question.yes.lowercased()), \(no) to go back.")

        // An action's form: its bar and the keys line of its box.
        app = try fresh()
        app.handle(.character("x"))
        #expect(app.actionForm != nil, "x opens the cancel form")
        canvas = app.render()
        Self.checkBar(canvas, .form, app)
        let formWidth = min(canvas.cols - 4, 76)
        let formKeys = (2..<canvas.rows - 2).map { Self.slice(canvas, row: $0, left: (canvas.cols - formWidth) / 2, width: formWidth) }
            .filter { $0.contains(" · ") }
        #expect(formKeys.count == 1, "\(canvas.text)")
        Self.checkAll(formKeys.first?.components(separatedBy: " · ") ?? [], .form, app, where: "form box")

        // The contract form: its bar and the keys after its title.
        app = try fresh()
        app.handle(.character("+"))
        #expect(app.contractForm != nil, "+ opens the contract form")
        canvas = app.render()
        Self.checkBar(canvas, .contract, app)
        let title = canvas.line(1)
        let keys = title.range(of: "  (").map { title[$0.upperBound...].dropLast() } ?? ""
        Self.checkAll(keys.components(separatedBy: " · "), .contract, app, where: "contract title")

        // A message box: its bar and its footer (after the position when it scrolls).
        app = try fresh()
        app.showList("Forty things", (1...40).map { "Thing \($0) to read" })
        canvas = app.render()
        Self.checkBar(canvas, .message, app)
        let message = try #require(app.messageBox)
        let box = MessageScreen.box(rows: canvas.rows, cols: canvas.cols, lines: message.lines(width: MessageScreen.textWidth(cols: canvas.cols)).count)
        let footer = Self.slice(canvas, row: box.top + box.height - 1, left: box.left, width: box.width).components(separatedBy: " · ")
        #expect(footer.first?.hasPrefix("lines 1-") == true, "\(footer)")
        Self.checkAll(Array(footer.dropFirst()), .message, app, where: "message box")

        // The help: its bar and the key its title says closes it.
        app = try fresh()
        app.handle(.character("?"))
        canvas = app.render()
        Self.checkBar(canvas, .help, app)
        let header = canvas.line(1)
        let close = header.range(of: "; ").flatMap { start in header.range(of: " closes.").map { String(header[start.upperBound..<$0.lowerBound]) } }
        let closer = close.flatMap { Self.named("\($0) close", .help, app, where: "help title") }
        #expect(closer?.id == "help.close", "\(header)")

        // The palette and a filter being typed: their bars.
        app = try fresh()
        app.handle(.character(":"))
        Self.checkBar(app.render(), .palette, app)
        app = try fresh()
        app.handle(.character("/"))
        Self.checkBar(app.render(), .filter, app)

        // A terminal too small: its one line.
        app = try fresh()
        app.size = (10, 40)
        canvas = app.render()
        let line = try #require((0..<canvas.rows).map { canvas.line($0).trimmingCharacters(in: .whitespaces) }.first { $0.hasSuffix(" quits") })
        Self.checkAll([line], .tooSmall, app, where: "too small")
    }

    /// A changed form's guard against a stray cancel follows the key bound to cancelling, and
    /// its question names the keys bound now: Esc, no longer bound, neither asks nor closes.
    @Test func theFirstCancelOnAChangedFormAsksWithTheKeysBoundNow() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 },
                               keyBindings: (text: "form.cancel = C-g\nform.submit = C-s\n", file: "keys.conf"))
        app.size = (30, 100)
        app.handle(.character("3"))
        app.handle(.character("x"))                  // cancel: a form asking for the reason
        let form = try #require(app.actionForm)
        for c in "No longer needed" { app.handle(.character(c)) }
        app.handle(.escape)
        #expect(app.actionForm === form && form.message == nil && !form.escapePending)
        app.handle(.control("g"))
        #expect(app.actionForm === form)
        #expect(form.message == "Press C-g again to throw away what you typed, or C-s to submit it.")
        app.handle(.control("g"))
        #expect(app.overlay == nil)
    }

    /// The hint bar's pieces ("KEYS words", two spaces apart) in `context`.
    static func checkBar(_ canvas: Canvas, _ context: CommandContext, _ app: AppModel) {
        let bar = canvas.line(canvas.rows - 1)
        checkAll(bar.components(separatedBy: "  "), context, app, where: "\(context) bar")
    }

    /// Each piece names keys bound in `context` to the command of its words, and together they
    /// name every command of the context (and its chain) that has a hint and can run now.
    static func checkAll(_ pieces: [String], _ context: CommandContext, _ app: AppModel, yes: String? = nil, where place: String) {
        let pieces = pieces.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shown = Set(pieces.compactMap { Self.named($0, context, app, yes: yes, where: place)?.id })
        for command in app.registry.visible(in: context) where command.hint != nil && command.isEnabled(app) {
            #expect(shown.contains(command.id), "\(place) does not name \(command.id): \(pieces)")
        }
    }

    /// The command a piece "KEYS words" names: one of KEYS (split at "/"; "type" for the
    /// context's typing command) runs it and `words` are its hint (or the question's yes word);
    /// every other key it names is bound in the context too.
    static func named(_ piece: String, _ context: CommandContext, _ app: AppModel, yes: String? = nil, where place: String = "") -> Command? {
        let parts = piece.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { Issue.record("\(place): '\(piece)' is not 'KEYS words'"); return nil }
        let (label, words) = (parts[0], parts[1])
        let ofContext = app.registry.commands.filter { $0.context == context }
        var candidates: [Command] = []
        if label == "type" {
            candidates = ofContext.filter { $0.takesUnbound != nil }
        } else {
            for name in label.split(separator: "/").map(String.init) {
                guard let key = Key(name: name), let command = ofContext.first(where: { $0.keys.contains(key) }) else {
                    Issue.record("\(place): '\(name)' in '\(piece)' is not a key bound in \(context)")
                    continue
                }
                candidates.append(command)
            }
        }
        let match = candidates.first { $0.hint == words || ($0.id == ConfirmCommands.yes && words == yes) }
        #expect(match != nil, "\(place): no key of '\(piece)' runs a command shown as '\(words)'")
        return match
    }

    /// The text of a box's row: the cells from `left`, `width` wide, trimmed.
    static func slice(_ canvas: Canvas, row: Int, left: Int, width: Int) -> String {
        (left..<min(canvas.cols, left + width)).map { canvas[row, $0].text }.joined().trimmingCharacters(in: .whitespaces)
    }
}
