#if canImport(Glibc)
import Glibc
#endif

/// One `tradeguard NAME …` command: its help text, the options it accepts, and what it does.
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

/// What a running command receives: its parsed arguments and where to write.
struct Invocation {
    let arguments: Arguments
    let output: Output
}

/// stdout and stderr, injectable so commands can be tested without a process.
final class Output {
    private(set) var standard = ""
    private(set) var errors = ""
    private let capture: Bool

    init(capture: Bool = false) { self.capture = capture }

    func line(_ text: String) {
        if capture { standard += text + "\n" } else { print(text) }
    }

    /// Pushes buffered stdout out now: for lines that must be seen even if the process dies
    /// a moment later (a generated payment key, printed before the payment is attempted).
    func flush() {
        if !capture { fflush(nil) }   // nil: every output stream (Glibc's stdout is a mutable global)
    }

    /// An error line. Messages quote what was typed, and what was typed may hold an escape
    /// sequence: controls, bidi and invisible characters are shown as \u{…}, never sent raw.
    func error(_ text: String) {
        let text = Text.safe(text, newlines: true)
        if capture { errors += text + "\n" } else { FileHandleStandardError.write(text + "\n") }
    }
}
