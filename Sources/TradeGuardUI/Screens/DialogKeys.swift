/// The keys a dialog's box names, read from the registry that binds them: a box never says a
/// key by hand, so a keys.conf rebinding (or a new binding) cannot leave it saying another.
extension CommandRegistry {
    /// A dialog's keys in one line, as its box repeats them: the hints of its context.
    func keysLine(_ context: CommandContext) -> String {
        visible(in: context).compactMap { command in command.hint.map { "\(command.keyLabel) \($0)" } }.joined(separator: " · ")
    }

    /// The keys of the yes/no question's box: every key that gives each answer, yes in the
    /// question's own word ("y Submit").
    func confirmKeys(_ question: ConfirmModel) -> ConfirmScreen.Keys {
        let answers = visible(in: .confirm).compactMap { command in
            command.hint.map { (keys: command.allKeysLabel, word: command.id == ConfirmCommands.yes ? question.yes : $0) }
        }
        return ConfirmScreen.Keys(answers: answers, no: keyName(ConfirmCommands.no), open: keyLabel("order.open"))
    }

    /// What the first cancel on a changed form asks, naming the keys bound now to cancelling
    /// (`cancel`) and to what the form's Enter `does` (`enter`).
    func cancelQuestion(cancel: String, enter: String, does: String) -> String {
        "Press \(keyName(cancel)) again to throw away what you typed, or \(keyName(enter)) to \(does)."
    }

    /// "Press Enter to try again.": the retry after a refusal a form keeps, with its key now.
    func retryHint(_ id: String) -> String { " Press \(keyName(id)) to try again." }

    /// "press y to submit, n to go back.": how to answer the question, with the keys bound now.
    func answerPrompt(_ question: ConfirmModel) -> String {
        "press \(keyName(ConfirmCommands.yes)) to \(question.yes.lowercased()), \(keyName(ConfirmCommands.no)) to go back."
    }
}

/// Key names for what the app says ("press y to …"), from its registry.
extension AppModel {
    func keyName(_ id: String) -> String { registry.keyName(id) }
    func keyLabel(_ id: String) -> String { registry.keyLabel(id) }
}

extension Command {
    /// Every key that runs it, as a box lists them ("n/Esc/Enter"): a letter bound in both
    /// cases is named once, in the case bound first.
    var allKeysLabel: String {
        var shown: [Key] = []
        for key in keys {
            if case let .character(c) = key, c.isLetter,
               shown.contains(where: { if case let .character(d) = $0 { return d.lowercased() == c.lowercased() } else { return false } }) {
                continue
            }
            shown.append(key)
        }
        return shown.map(\.name).joined(separator: "/")
    }
}
