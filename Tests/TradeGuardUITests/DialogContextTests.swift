import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Dialogs are registry contexts (issue 22): their keys are commands like any other, so
/// keys.conf rebinds them and their hint bar follows.
struct DialogContextTests {
    @Test func aQuestionsAnswersAreCommandsThatKeysConfRebinds() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 },
                               keyBindings: (text: "confirm.no = x\n", file: "keys.conf"))
        app.size = (30, 100)
        app.handle(.character("3"))                  // Drafts
        app.handle(.character("u"))                  // "Submit …?"
        #expect(app.question != nil)
        app.didPresent()
        #expect(app.render().text.split(separator: "\n").last?.contains("x no, nothing changes") == true)
        app.handle(.character("n"))                  // no longer an answer
        #expect(app.question != nil)
        app.handle(.character("x"))
        #expect(app.overlay == nil)
        #expect(app.toast?.text == "Not done: nothing was changed.")
    }

    @Test func aFormsBoxAndHintBarListTheSameKeys() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 },
                               keyBindings: (text: "form.submit = C-s\n", file: "keys.conf"))
        app.size = (30, 100)
        app.handle(.character("3"))
        app.handle(.character("x"))                  // cancel: a form asking for the reason
        guard let form = app.actionForm else { Issue.record("no form after x"); return }
        for c in "No longer needed" { app.handle(.character(c)) }
        app.handle(.enter)                           // not bound in the form any more
        #expect(app.actionForm === form)
        let screen = app.render().text
        #expect(screen.contains(" C-s submit · Tab next field · Left/Right choose · Esc cancel"), "\(screen)")
        #expect(screen.split(separator: "\n").last?.contains("C-s submit  Tab next field") == true)
        app.handle(.control("s"))
        #expect(app.question?.yes == "Cancel order")
    }

    @Test func theHelpScrollsNoFurtherThanItsLastPageAndDrawingChangesNothing() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
        app.size = (24, 80)
        app.handle(.character("?"))
        for _ in 0..<50 { app.handle(.pageDown) }
        let help = try #require(app.helpModel)
        let last = help.top
        #expect(last > 0)
        let bottom = app.render().text
        #expect(help.top == last)
        app.handle(.up)                              // one line up from the last page, at once
        #expect(help.top == last - 1)
        #expect(app.render().text != bottom)
    }

    /// The help's `?` closes it until a search is begun, then is searched for; the palette's
    /// Tab completes a command's name; the filter's Esc clears what was typed.
    @Test func helpQuestionMarkPaletteTabAndFilterEscape() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
        app.size = (24, 80)
        app.handle(.character("?"))
        app.handle(.character("?"))
        #expect(app.helpModel == nil, "before a search, ? closes the help")
        app.handle(.character("?"))
        app.handle(.character("s"))
        app.handle(.character("?"))
        #expect(app.helpModel?.search.text == "s?", "after one, it is searched for")
        app.handle(.escape)
        #expect(app.helpModel == nil)

        app.handle(.character(":"))
        for c in "sort.c" { app.handle(.character(c)) }
        app.handle(.tab)
        #expect(app.paletteEditor?.text == "sort.cycle ")
        app.handle(.escape)

        app.handle(.character("7"))                  // Orders
        app.handle(.character("/"))
        for c in "zzqx" { app.handle(.character(c)) }
        #expect(app.workspace?.loadedCurrentList?.filter == "zzqx")
        app.handle(.escape)
        #expect(app.workspace?.filterEditor == nil && app.workspace?.loadedCurrentList?.filter == "")
    }
}
