/// The catalogue as the README's tables: the app's keys and `tradeguard do`'s actions. A test
/// fails when the README's tables differ from these, so the documentation cannot drift.
extension ActionCatalogue {
    /// "Using the app": one row per key.
    public static var keyTable: [String] {
        ["| key | action | who | what it does |", "|---|---|---|---|"]
            + keyed.map { entry in
                "| `\(entry.key.map(String.init) ?? "")` | \(entry.title) | \(entry.who) | \(cell(entry.help)) |"
            }
    }

    /// "Command line": one row per action `do` takes.
    public static var commandLineTable: [String] {
        ["| action | who | options | what it does |", "|---|---|---|---|"]
            + commandLine.map { entry in
                let positional = entry.fields.filter { $0.option == nil }.map(\.usage)
                let options = entry.fields.filter { $0.option != nil }.map(\.usage).joined(separator: " ")
                let action = ([entry.name] + positional).joined(separator: " ")
                return "| `\(action)` | \(entry.who) | \(options.isEmpty ? "" : "`\(cell(options))`") | \(cell(entry.help)) |"
            }
    }

    /// A table cell: a `|` inside it would end the cell.
    private static func cell(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
