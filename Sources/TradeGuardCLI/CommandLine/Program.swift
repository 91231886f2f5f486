import TradeGuardCore
import TradeGuardStore
import TradeGuardTerminal

/// The subcommand table and the dispatcher: `tradeguard [COMMAND] [OPTIONS]`.
public enum Program {
    public static let version = "0.1.0"

    static var subcommands: [Subcommand] {
        [
            InitSubcommands.initialise, InitSubcommands.seed,
            PartySubcommands.parties, PartySubcommands.party, PartySubcommands.activate, PartySubcommands.rate,
            OrdersSubcommand.subcommand, OrderSubcommand.subcommand, WorkflowSubcommands.draft, WorkflowSubcommands.perform,
            AdminSubcommands.limits, AdminSubcommands.clock, AdminSubcommands.sweep, AdminSubcommands.check, AnchorSubcommand.subcommand, AdminSubcommands.backup,
            ThemesSubcommand.subcommand, DemoSubcommand.subcommand, BenchSubcommand.subcommand,
            KeysSubcommand.subcommand, SessionSubcommand.subcommand,
        ]
    }

    static var overview: String {
        var text = """
        TradeGuard \(version) — credit protection for cross-border B2B trade.

        Usage: tradeguard [--db PATH] [--as HANDLE] [--theme NAME]   the full-screen app
               tradeguard COMMAND [OPTIONS]                          a non-interactive command

        """
        if subcommands.isEmpty {
            text += "\nNo commands are available in this build yet.\n"
        } else {
            text += "\nCommands:\n"
            let width = subcommands.map(\.name.count).max() ?? 0
            for subcommand in subcommands {
                text += "  \(subcommand.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(subcommand.summary)\n"
            }
        }
        text += "\n  terminal-test  check this terminal: wide characters, colours and keys (q quits)\n"
        text += "\nRun 'tradeguard COMMAND --help' for a command's options. Exit status: 0 ok, 1 refused or failed, 2 usage.\n"
        return text
    }

    /// Runs the program for `arguments` (without the program name) and returns the exit status.
    /// Everything it writes goes to `stdout` and `stderr`, everything it reads comes from `stdin`
    /// and `environment`; it never exits the process, so tests call it in-process.
    public static func run(arguments: [String], stdin: ProgramInput, stdout: ProgramOutput, stderr: ProgramOutput,
                           environment: [String: String]) -> Int32 {
        let output = Output(standard: stdout, errors: stderr)
        defer { output.flush() }
        return dispatch(arguments, output: output, input: stdin, environment: environment)
    }

    /// `session` is the SSH key a session runs the words for (issue 18): its commands write through it.
    static func dispatch(_ words: [String], output: Output, input: ProgramInput, environment: [String: String],
                         session: KeyRecord? = nil) -> Int32 {
        if words == ["terminal-test"] {
            // Draws wide characters, colours and every role, and echoes keys: a check of the terminal itself.
            return TerminalSelfTest.main()
        }
        if words.first == "--version" || words.first == "-V" {
            output.line("tradeguard \(version)")
            return 0
        }
        if words.first == "help", words.count == 2, let subcommand = subcommands.first(where: { $0.name == words[1] }) {
            output.line(subcommand.help)
            return 0
        }
        if words.first == "--help" || words.first == "-h" || words.first == "help" {
            output.line(overview)
            return 0
        }
        let ordered: [String]
        do { ordered = try GlobalOptions.reorder(words, commands: Set(subcommands.map(\.name))) } catch {
            output.error("tradeguard: \(error.message)")
            return error.exitCode
        }
        guard let first = ordered.first, !first.hasPrefix("-") else {
            return FullScreenApp.run(ordered, output: output, environment: environment)
        }
        guard let subcommand = subcommands.first(where: { $0.name == first }) else {
            output.error("tradeguard: unknown command \(TextRules.quoted(first)). Run 'tradeguard --help' for the list.")
            return 2
        }
        do {
            // Who takes --as also takes --on-behalf: the platform acting for a party (issue 18).
            let arguments = try Arguments.parse(Array(ordered.dropFirst()),
                                                valueOptions: subcommand.valueOptions.union(subcommand.valueOptions.contains("as") ? ["on-behalf"] : []),
                                                flagOptions: subcommand.flagOptions)
            if arguments.has("help") {
                output.line(subcommand.help)
                return 0
            }
            return try subcommand.run(Invocation(arguments: arguments, output: output, input: input, environment: environment, session: session))
        } catch let error as CLIError {
            output.error("tradeguard \(subcommand.name): \(error.message)")
            if case .usage = error { output.error("Run 'tradeguard \(subcommand.name) --help' for usage.") }
            return error.exitCode
        } catch {
            output.error("tradeguard \(subcommand.name): \(error)")
            return 1
        }
    }
}
