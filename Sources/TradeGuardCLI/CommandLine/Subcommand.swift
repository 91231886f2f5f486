import TradeGuardStore
/// One `tradeguard NAME …` subcommand: its help text, the options it accepts, and what it does.
struct Subcommand: Sendable {
    let name: String
    /// The synopsis line, e.g. "orders [--as HANDLE] [--state S] [--format table|json|csv]".
    let synopsis: String
    let summary: String
    /// Extra lines for `--help`: options, examples.
    let details: String
    let valueOptions: Set<String>
    let flagOptions: Set<String>
    let run: @Sendable (Invocation) throws -> Int32
    /// False for a command that makes its own databases (`bench`): its help does not offer --db.
    let usesDatabase: Bool

    init(name: String, synopsis: String, summary: String, details: String = "", valueOptions: Set<String> = [],
         flagOptions: Set<String> = [], usesDatabase: Bool = true, run: @escaping @Sendable (Invocation) throws -> Int32) {
        self.usesDatabase = usesDatabase
        self.name = name
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        // Every command takes --db and --help.
        self.valueOptions = valueOptions.union(["db"])
        self.flagOptions = flagOptions.union(["help"])
        self.run = run
    }

    var help: String {
        var text = "Usage: tradeguard \(synopsis)\n\n\(summary)\n"
        if !details.isEmpty { text += "\n\(details)\n" }
        guard usesDatabase else { return text }
        text += "\n  --db PATH   the database (default: $TRADEGUARD_DB, else $XDG_DATA_HOME/tradeguard/tradeguard.sqlite,\n"
            + "              else ~/.local/share/tradeguard/tradeguard.sqlite)\n"
        return text
    }
}

/// What a running subcommand receives: its parsed arguments, where to write, what to read,
/// and the environment it runs in (never the process's own: tests run many at once).
struct Invocation {
    let arguments: Arguments
    let output: Output
    let input: ProgramInput
    let environment: [String: String]
    /// The SSH key of the session this runs in (issue 18): its store writes through the key.
    var session: KeyRecord? = nil
}

/// stdout and stderr as a subcommand uses them: whole lines, and error lines made safe.
final class Output {
    let standard: ProgramOutput
    let errors: ProgramOutput

    init(standard: ProgramOutput, errors: ProgramOutput) {
        self.standard = standard
        self.errors = errors
    }

    func line(_ text: String) { standard.write(text + "\n") }

    /// Pushes buffered stdout out now: for lines that must be seen even if the process dies
    /// a moment later (a generated payment key, printed before the payment is attempted).
    func flush() { standard.flush() }

    /// An error line. Messages quote what was typed, and what was typed may hold an escape
    /// sequence: controls, bidi and invisible characters are shown as \u{…}, never sent raw.
    func error(_ text: String) { errors.write(Text.safe(text, newlines: true) + "\n") }

    /// A progress line redrawn in place on stderr (`\r`), only when a person watches it.
    func progress(_ text: String) {
        guard errors.isTerminal else { return }
        errors.write("\r" + text)
    }

    /// Clears the progress line when done.
    func endProgress() {
        guard errors.isTerminal else { return }
        errors.write("\r\u{1B}[K")
    }
}
