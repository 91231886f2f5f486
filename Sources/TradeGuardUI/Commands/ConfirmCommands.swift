import TradeGuardStore

/// The yes/no question before a money or destructive action. Only a key a person pressed after
/// the question was drawn answers it (issue 19): every command of this context first asks
/// `AppModel.answering`, so a paste, a key typed too early or a burst never answers.
enum ConfirmCommands {
    /// The two answers' names: their keys are named in the box and in what the app says.
    static let yes = "confirm.yes", no = "confirm.no"

    static var all: [Command] {
        let closed: (AppModel) -> String? = { app in app.question == nil ? "No question is open." : nil }
        return [
            .onKey(yes, "Yes: go ahead", hint: "yes", keys: [.character("y"), .character("Y")], context: .confirm, disabled: closed) { app, key in
                try app.answering(key) { question in
                    let error = try app.perform(question.command, on: question.code, version: question.version, form: question.form)
                    // Busy: the question stays, so pressing y again retries (a form keeps itself).
                    if let error, error == .busy, question.form == nil {
                        app.overlay = .confirm(question)
                        app.show(error.description + " Press \(app.keyName(yes)) to try again.", .error)
                    }
                }
            },
            // The safe answer, also on Enter and Esc: back to the form (text kept), or nothing happens.
            .onKey(no, "No: nothing changes", hint: "no, nothing changes", hintKeys: "n",
                   keys: [.character("n"), .character("N"), .escape, .enter], context: .confirm, disabled: closed) { app, key in
                try app.answering(key) { question in
                    app.overlay = question.form.map { .form($0) }
                    app.show("Not done: nothing was changed.")
                }
            },
            // Any other key answers nothing, but is still screened: a paste is told off, and
            // a burst that starts with it is dropped whole rather than read as keys.
            .onKey("confirm.other", "Other keys answer nothing", context: .confirm, takesUnbound: DialogCommands.anyKey, disabled: closed) { app, key in
                try app.answering(key) { _ in }
            },
        ]
    }
}

extension AppModel {
    /// More keys than this arriving right behind one (each within a millisecond of the last)
    /// are a burst no person types: a paste through a terminal without bracketed paste.
    static let burstKeys = 2

    /// Runs `answer` for `key` only when a person pressed it at the question: the question has
    /// been drawn (`didPresent` armed it), the key is not a paste, and no burst follows it (a
    /// paste in a terminal without bracketed paste arrives as many keys at once). Keys that
    /// followed closely but too few for a burst are handled after it, as typed.
    func answering(_ key: Key, _ answer: (ConfirmModel) throws -> Void) throws {
        guard let question, question.armed else { return }
        if case .paste = key {
            show("Pasted text is not an answer: " + registry.answerPrompt(question), .error)
            return
        }
        let burst = takeBurst()
        if burst.count >= Self.burstKeys {
            show("\(burst.count + 1) keys arrived at once (a paste?) and were ignored: " + registry.answerPrompt(question), .error)
            return
        }
        defer { for key in burst { handle(key) } }
        try answer(question)
    }

    /// Called by the loop after a frame reached the terminal. A question that just appeared is
    /// armed now: keys that were already waiting (typed, or pasted, before anyone could read
    /// it) are dropped with a note. Returns true when the note needs a new frame.
    @discardableResult
    public func didPresent() -> Bool {
        guard var question, !question.armed else { return false }
        let early = takeWaitingKeys().filter { $0 != .resize }
        question.armed = true
        overlay = .confirm(question)
        guard !early.isEmpty else { return false }
        let keys = early.count == 1 ? "1 key" : "\(early.count) keys"
        show("\(keys) typed before the question appeared \(early.count == 1 ? "was" : "were") ignored: " + registry.answerPrompt(question), .error)
        return true
    }
}
