/// Why the full-screen app cannot start here. Its description is one sentence for stderr, naming
/// the non-interactive commands; the caller prints "tradeguard: \(error)" and exits with
/// `exitStatus` (2, usage).
public struct TerminalUnavailable: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// Standard input and/or output is a file, pipe or /dev/null (a script, CI, cron).
        case notATerminal(stdin: Bool, stdout: Bool)
        /// TERM is unset or empty.
        case termUnset
        /// TERM names a type the terminfo database does not know.
        case termUnknown(String)
        /// TERM names a type without cursor addressing (dumb, a printing terminal, emacs' shell).
        case termNotFullScreen(String)
        /// ncurses refused to start (newterm returned NULL).
        case startFailed(String)
        /// A terminal is already open in this process.
        case alreadyOpen
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// The exit status for a command that cannot run: 2, a usage problem.
    public var exitStatus: Int32 { 2 }

    static let forScripts = "for scripts use the non-interactive commands such as 'tradeguard orders', "
        + "'tradeguard order CODE' and 'tradeguard do ACTION CODE' (see 'tradeguard --help')"

    /// One sentence without the program name: callers print it as "tradeguard: <description>".
    public var description: String {
        switch reason {
        case let .notATerminal(stdin, stdout):
            let what = !stdin && !stdout ? "standard input and output are not a terminal"
                : !stdin ? "standard input is not a terminal" : "standard output is not a terminal"
            return "the full-screen app needs an interactive terminal but \(what); \(Self.forScripts)."
        case .termUnset:
            return "the full-screen app needs an interactive terminal but TERM is not set; set it (for instance TERM=xterm-256color) "
                + "or \(Self.forScripts)."
        case let .termUnknown(name):
            return "the full-screen app cannot use terminal type '\(Self.printable(name))' because the terminfo database does not know it; "
                + "set TERM to a known type (for instance xterm-256color) or \(Self.forScripts)."
        case let .termNotFullScreen(name):
            return "the full-screen app cannot run on TERM=\(Self.printable(name)), which cannot move the cursor; "
                + "use a real terminal or \(Self.forScripts)."
        case let .startFailed(name):
            return "the full-screen app could not start on this terminal (TERM=\(Self.printable(name))); \(Self.forScripts)."
        case .alreadyOpen:
            return "the terminal is already open in this process; close it before opening it again."
        }
    }

    /// TERM comes from the environment: never echo control characters back to the terminal.
    static func printable(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
    }
}
