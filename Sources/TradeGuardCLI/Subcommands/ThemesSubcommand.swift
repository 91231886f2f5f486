import TradeGuardUI

/// `tradeguard themes`: the themes this installation can use, where each was found, and any
/// that are broken (with file, line and reason).
enum ThemesSubcommand {
    static var subcommand: Subcommand {
        Subcommand(name: "themes", synopsis: "themes", summary: "List the installed themes and where they come from.",
                   details: """
                   Themes are searched in this order (the first file of a name wins):
                     1. $XDG_CONFIG_HOME/tradeguard/themes/NAME.theme (default ~/.config/tradeguard/themes)
                     2. PREFIX/share/tradeguard/themes when tradeguard is installed in PREFIX/bin
                     3. the package's themes/ folder when run with 'swift run'
                     4. the shipped themes, built into the binary (a file of the same name overrides one)
                   Choose one with --theme NAME, TRADEGUARD_THEME, or 'theme = NAME' in the config file.
                   """) { invocation in
            let catalog = ThemeCatalog.live()
            let themes = catalog.list()
            let width = themes.map(\.name.count).max() ?? 8
            var broken = false
            for theme in themes {
                let place = theme.path ?? "built in"
                if let problem = theme.problem {
                    broken = true
                    invocation.output.line("\(theme.name.padding(toLength: width, withPad: " ", startingAt: 0))  BROKEN: \(problem)")
                } else {
                    invocation.output.line("\(theme.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(theme.description)  (\(place))")
                }
            }
            if catalog.noColor { invocation.output.line("NO_COLOR is set: themes show attributes only.") }
            return broken ? 1 : 0
        }
    }
}
