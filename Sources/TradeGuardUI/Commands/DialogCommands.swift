/// The commands of the dialogs, the too-small screen and Ctrl-C: each dialog is a registry
/// context of its own, so its keys, its hint bar, the help and keys.conf all read these records
/// like any other command's. Order matters within a context: it is the order of its hint bar.
enum DialogCommands {
    static var all: [Command] {
        ConfirmCommands.all + FormCommands.all + FormCommands.contract + palette + help + filter + message + tooSmall + always
    }

    /// Any key at all: what a dialog's text field (or a question guarding against pastes) takes.
    static func anyKey(_ key: Key) -> Bool { true }

    static var always: [Command] { [
        Command("interrupt", "Quit at once, from anywhere (exit status 130)", keys: [.control("c")], context: .always) { app, _ in
            app.exitStatus = 130
        },
        // Not a key a person presses: the terminal's new size, which the loop has already set.
        Command("screen.resize", "Fit the screen to the terminal's new size (the terminal sends this)", keys: [.resize], context: .always) { app, _ in
            app.resized()
        },
        // Outside any text field a paste goes nowhere: it is never read as keys. (A text
        // field's typing command, earlier in its context's chain, takes it first.)
        .onKey("paste.ignore", "Pasted text outside a text field is ignored", context: .always, takesUnbound: { key in
            if case .paste = key { return true }
            return false
        }) { app, _ in app.show("Pasted text ignored: no text field is open.", .error) },
    ] }

    static var tooSmall: [Command] { [
        Command("tooSmall.quit", "Quit (the terminal is too small to show the app)", hint: "quits", keys: [.character("Q"), .character("q")], context: .tooSmall) { app, _ in
            app.exitStatus = 0
        },
    ] }

    static var palette: [Command] {
        let closed: (AppModel) -> String? = { app in app.paletteEditor == nil ? "The palette is not open (press \(app.keyName("palette")))." : nil }
        return [
            Command("palette.run", "Run the command typed", hint: "run", keys: [.enter], context: .palette, disabled: closed) { app, _ in
                guard let editor = app.paletteEditor else { return }
                app.overlay = nil
                try app.runLine(editor.text)
            },
            Command("palette.complete", "Complete the command's name", hint: "complete", keys: [.tab], context: .palette, disabled: closed) { app, _ in
                app.paletteEditor?.complete(from: app.registry.commands.filter { $0.isOffered(app) }.map(\.id))
            },
            Command("palette.close", "Close the palette", hint: "close", keys: [.escape], context: .palette, disabled: closed) { app, _ in
                app.overlay = nil
            },
            .onKey("palette.type", "Type the command and its arguments", context: .palette, takesUnbound: anyKey, disabled: closed) { app, key in
                _ = app.paletteEditor?.edit(key)
            },
        ]
    }

    /// Scrolls the help by `delta` lines, no further than its last page.
    static func scrollHelp(_ app: AppModel, by delta: Int) {
        guard let help = app.helpModel else { return }
        let total = HelpOverlay.lines(help, registry: app.registry, here: app.screenContext, whyDisabled: { $0.disabledReason(app) },
                                      offered: { $0.isOffered(app) }).count
        help.scroll(by: delta, total: total, room: HelpOverlay.room(rows: app.size.rows))
    }

    static var help: [Command] {
        let closed: (AppModel) -> String? = { app in app.helpModel == nil ? "The help is not open (press \(app.keyName("help")))." : nil }
        return [
            .onKey("help.search", "Type to search the commands", hint: "search", hintKeys: "type", context: .help, takesUnbound: anyKey,
                   disabled: closed) { app, key in
                app.helpModel?.type(key)
            },
            Command("help.down", "Scroll down", hint: "scroll", hintKeys: "Up/Down", keys: [.down], context: .help, disabled: closed) { app, _ in
                scrollHelp(app, by: 1)
            },
            Command("help.up", "Scroll up", keys: [.up], context: .help, disabled: closed) { app, _ in scrollHelp(app, by: -1) },
            Command("help.pageDown", "Page down", keys: [.pageDown], context: .help, disabled: closed) { app, _ in
                scrollHelp(app, by: app.mainHeight)
            },
            Command("help.pageUp", "Page up", keys: [.pageUp], context: .help, disabled: closed) { app, _ in
                scrollHelp(app, by: -app.mainHeight)
            },
            // `?` closes what it opened, until a search is begun: then it is searched for.
            .onKey("help.close", "Close the help (a character key closes it only until a search is typed)", hint: "close", hintKeys: "Esc",
                   keys: [.escape, .character("?")], context: .help, disabled: closed) { app, key in
                if app.helpModel?.closes(on: key) == true { app.overlay = nil }
            },
        ]
    }

    /// Typing a filter (after `/`): the list filters as you type.
    static var filter: [Command] {
        let closed: (AppModel) -> String? = { app in app.workspace?.filterEditor == nil ? "No filter is being typed (press \(app.keyName("filter.start")))." : nil }
        return [
            .onKey("filter.type", "Type the text to filter by", hint: "filter", hintKeys: "type", context: .filter, takesUnbound: anyKey,
                   disabled: closed) { app, key in
                try app.workspace?.typeFilter(key)
            },
            Command("filter.keep", "Keep the filter and go back to the list", hint: "keep", keys: [.enter], context: .filter, disabled: closed) { app, _ in
                app.workspace?.filterEditor = nil
            },
            Command("filter.cancel", "Clear the filter and go back to the list", hint: "clear", keys: [.escape], context: .filter, disabled: closed) { app, _ in
                try app.workspace?.cancelFilter()
            },
            // The arrows leave the field and move in the filtered list at once.
            .onKey("filter.leave", "Keep the filter and move in the list", keys: [.down, .up], context: .filter, disabled: closed) { app, key in
                app.workspace?.filterEditor = nil
                app.handle(key == .up ? .up : .down)
            },
        ]
    }

    /// The box showing a long message or a list of problems.
    static var message: [Command] {
        let closed: (AppModel) -> String? = { app in app.messageBox == nil ? "No message is open." : nil }
        func scroll(_ app: AppModel, _ delta: (Int) -> Int) { app.messageBox?.scroll(by: delta, rows: app.size.rows, cols: app.size.cols) }
        return [
            Command("message.down", "Scroll down", hint: "scroll", hintKeys: "j/k", keys: [.down, .character("j")], context: .message,
                    disabled: closed) { app, _ in scroll(app) { _ in 1 } },
            Command("message.up", "Scroll up", keys: [.up, .character("k")], context: .message, disabled: closed) { app, _ in scroll(app) { _ in -1 } },
            Command("message.pageDown", "Page down", keys: [.pageDown, .character(" ")], context: .message, disabled: closed) { app, _ in
                scroll(app) { $0 }
            },
            Command("message.pageUp", "Page up", keys: [.pageUp], context: .message, disabled: closed) { app, _ in scroll(app) { -$0 } },
            Command("message.close", "Close the message and go back to what was open", hint: "close", hintKeys: "Esc/Enter",
                    keys: [.escape, .enter, .character("q")], context: .message, disabled: closed) { app, _ in
                guard let message = app.messageBox else { return }
                app.overlay = message.returnTo
            },
        ]
    }
}

/// The dialog open now, each by its model (nil when another, or none, is open).
extension AppModel {
    var paletteEditor: LineEditor? {
        if case let .palette(editor)? = overlay { return editor }
        return nil
    }

    var helpModel: HelpModel? {
        if case let .help(help)? = overlay { return help }
        return nil
    }

    var messageBox: MessageModel? {
        if case let .message(message)? = overlay { return message }
        return nil
    }

    var actionForm: FormModel? {
        if case let .form(form)? = overlay { return form }
        return nil
    }

    var contractForm: ContractFormModel? {
        if case let .contract(form)? = overlay { return form }
        return nil
    }

    var question: ConfirmModel? {
        if case let .confirm(question)? = overlay { return question }
        return nil
    }
}
