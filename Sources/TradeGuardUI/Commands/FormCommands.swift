/// The keys of the two forms: an action's form (reason, amount, …) and the contract form. Both
/// keep typing safe from one stray Esc: the first cancel on a changed form asks, and any other
/// key withdraws the question (`EscapeGuarded`), so every command here asks there first.
enum FormCommands {
    static var all: [Command] {
        let closed: (AppModel) -> String? = { app in app.actionForm == nil ? "No form is open." : nil }
        /// A command of the action form: `body` runs unless the key was a first Esc that asks.
        func onForm(_ id: String, _ title: String, hint: String? = nil, hintKeys: String? = nil, keys: [Key] = [],
                    takesUnbound: ((Key) -> Bool)? = nil, _ body: @escaping (AppModel, FormModel, Key) throws -> Void) -> Command {
            .onKey(id, title, hint: hint, hintKeys: hintKeys, keys: keys, context: .form, takesUnbound: takesUnbound, disabled: closed) { app, key in
                guard let form = app.actionForm,
                      !form.holdsBackCancel(id == "form.cancel", asking: app.registry.cancelQuestion(cancel: "form.cancel", enter: "form.submit", does: "submit it"))
                else { return }
                try body(app, form, key)
            }
        }
        return [
            onForm("form.submit", "Submit the form", hint: "submit", keys: [.enter]) { app, form, _ in try app.submit(form) },
            onForm("form.next", "Next field", hint: "next field", hintKeys: "Tab", keys: [.tab, .down]) { _, form, _ in _ = form.edit(.tab) },
            onForm("form.previous", "Previous field", keys: [.backTab, .up]) { _, form, _ in _ = form.edit(.backTab) },
            onForm("form.choosePrevious", "Previous option of a choice (in text: cursor left)", hint: "choose", hintKeys: "Left/Right",
                   keys: [.left]) { _, form, _ in _ = form.edit(.left) },
            onForm("form.chooseNext", "Next option of a choice (in text: cursor right)", keys: [.right]) { _, form, _ in _ = form.edit(.right) },
            onForm("form.cancel", "Close the form (a changed one asks first)", hint: "cancel", keys: [.escape]) { app, _, _ in app.overlay = nil },
            onForm("form.type", "Type into the field", takesUnbound: DialogCommands.anyKey) { _, form, key in _ = form.edit(key) },
        ]
    }

    static var contract: [Command] {
        let closed: (AppModel) -> String? = { app in app.contractForm == nil ? "The contract form is not open." : nil }
        func onForm(_ id: String, _ title: String, hint: String? = nil, hintKeys: String? = nil, keys: [Key] = [],
                    takesUnbound: ((Key) -> Bool)? = nil, _ body: @escaping (AppModel, ContractFormModel, Key) throws -> Void) -> Command {
            .onKey(id, title, hint: hint, hintKeys: hintKeys, keys: keys, context: .contract, takesUnbound: takesUnbound, disabled: closed) { app, key in
                guard let form = app.contractForm,
                      !form.holdsBackCancel(id == "contract.cancel", asking: app.registry.cancelQuestion(cancel: "contract.cancel", enter: "contract.save", does: "save it"))
                else { return }
                try body(app, form, key)
            }
        }
        return [
            onForm("contract.save", "Save the draft", hint: "save", keys: [.enter]) { app, form, _ in try app.saveContract(form) },
            onForm("contract.next", "Next field", hint: "next", hintKeys: "Tab", keys: [.tab, .down]) { _, form, _ in _ = form.edit(.tab) },
            onForm("contract.previous", "Previous field", keys: [.backTab, .up]) { _, form, _ in _ = form.edit(.backTab) },
            onForm("contract.choosePrevious", "Previous option of a choice (in text: cursor left)", hint: "choose", hintKeys: "Left/Right",
                   keys: [.left]) { _, form, _ in _ = form.edit(.left) },
            onForm("contract.chooseNext", "Next option of a choice (in text: cursor right)", keys: [.right]) { _, form, _ in _ = form.edit(.right) },
            onForm("contract.addLine", "Add a line item after the last", hint: "add line", keys: [.control("n")]) { _, form, _ in form.addLine() },
            onForm("contract.removeLine", "Remove the line item the cursor is in", hint: "remove line", keys: [.control("d")]) { _, form, _ in
                form.removeLine()
            },
            onForm("contract.cancel", "Close the form (a changed one asks first)", hint: "cancel", keys: [.escape]) { app, _, _ in app.overlay = nil },
            onForm("contract.type", "Type into the field", takesUnbound: DialogCommands.anyKey) { _, form, key in _ = form.edit(key) },
        ]
    }
}

extension AppModel {
    /// Submits an action's form: its fields are checked (each error where it belongs, the
    /// cursor on the first), then the action asks first or runs (`OrderActions.afterForm`).
    func submit(_ form: FormModel) throws {
        guard let command = form.checkedCommand() else { return }
        try take(OrderActions.afterForm(command, form, time: time, reads: store))
    }
}
