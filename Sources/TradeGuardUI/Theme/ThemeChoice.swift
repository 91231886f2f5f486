import TradeGuardStore

/// `:theme NAME`: the theme chosen inside the app, loaded and remembered by the front end.
final class ThemeChoice {
    /// Set by the front end: loads theme NAME for this terminal and remembers the choice;
    /// returns it resolved, and a note when it could not be remembered. nil: no switching here.
    var switcher: ((String) throws -> (theme: ResolvedTheme, note: String?))?
    /// The theme chosen; the loop draws with it when set.
    private(set) var chosen: ResolvedTheme?

    /// Chooses theme `args[0]`, or lists the themes when no name is given.
    func choose(_ args: [String], status: StatusMessages) throws {
        guard let name = args.first else {
            status.showList("Themes: choose one with :theme NAME", ThemeCatalog.live().list().map { info in
                "\(info.name) — \(info.problem ?? info.description)"
            })
            return
        }
        guard let switcher else { throw StoreError.invalid("The theme cannot be changed here; start with --theme \(name).") }
        do {
            let (theme, note) = try switcher(name)
            chosen = theme
            status.show("Theme \(name)" + (note.map { "; \($0)" } ?? ", remembered for next time."), note == nil ? .info : .error)
        } catch {
            throw StoreError.invalid("Theme not changed: \(error)")
        }
    }
}
