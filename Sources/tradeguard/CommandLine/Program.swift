import TradeGuardCore
import TradeGuardTerminal

/// The command table and the dispatcher: `tradeguard [COMMAND] [OPTIONS]`.
enum Program {
    static let version = "0.1.0"

    static var commands: [Subcommand] {
        [
            InitCommands.initialise, InitCommands.seed,
            PartyCommands.parties, PartyCommands.party, PartyCommands.activate, PartyCommands.rate,
            OrdersCommand.command, OrderDetailCommand.command, WorkflowCommands.draft, WorkflowCommands.perform,
            AdminCommands.limits, AdminCommands.clock, AdminCommands.sweep, AdminCommands.check, AnchorCommand.command, AdminCommands.backup,
            ThemesCommand.command, DemoCommand.command, BenchCommand.command,
        ]
    }

    static var overview: String {
        var text = """
        TradeGuard \(version) — credit protection for cross-border B2B trade.

        Usage: tradeguard [--db PATH] [--as HANDLE] [--theme NAME]   the full-screen app
               tradeguard COMMAND [OPTIONS]                          a non-interactive command

        """
        if commands.isEmpty {
            text += "\nNo commands are available in this build yet.\n"
        } else {
            text += "\nCommands:\n"
            let width = commands.map(\.name.count).max() ?? 0
            for command in commands {
                text += "  \(command.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.summary)\n"
            }
        }
        text += "\n  terminal-test  check this terminal: wide characters, colours and keys (q quits)\n"
        text += "\nRun 'tradeguard COMMAND --help' for a command's options. Exit status: 0 ok, 1 refused or failed, 2 usage.\n"
        return text
    }

    /// Runs the program for `words` (without the program name); returns the exit status.
    static func run(_ words: [String], output: Output) -> Int32 {
        if words == ["terminal-test"] {
            // Draws wide characters, colours and every role, and echoes keys: a check of the terminal itself.
            return TerminalSelfTest.main()
        }
        if words.first == "--version" || words.first == "-V" {
            output.line("tradeguard \(version)")
            return 0
        }
        if words.first == "help", words.count == 2, let command = commands.first(where: { $0.name == words[1] }) {
            output.line(command.help)
            return 0
        }
        if words.first == "--help" || words.first == "-h" || words.first == "help" {
            output.line(overview)
            return 0
        }
        let ordered: [String]
        do { ordered = try GlobalOptions.reorder(words, commands: Set(commands.map(\.name))) } catch {
            output.error("tradeguard: \(error.message)")
            return error.exitCode
        }
        guard let first = ordered.first, !first.hasPrefix("-") else {
            return runApp(ordered, output: output)
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            output.error("tradeguard: unknown command \(TextRules.quoted(first)). Run 'tradeguard --help' for the list.")
            return 2
        }
        do {
            let arguments = try Arguments.parse(Array(ordered.dropFirst()), valueOptions: command.valueOptions,
                                                flagOptions: command.flagOptions)
            if arguments.has("help") {
                output.line(command.help)
                return 0
            }
            return try command.run(Invocation(arguments: arguments, output: output))
        } catch let error as CLIError {
            output.error("tradeguard \(command.name): \(error.message)")
            if case .usage = error { output.error("Run 'tradeguard \(command.name) --help' for usage.") }
            return error.exitCode
        } catch {
            output.error("tradeguard \(command.name): \(error)")
            return 1
        }
    }

    /// The full-screen app (no command word).
    static func runApp(_ words: [String], output: Output) -> Int32 {
        FullScreenApp.run(words, output: output)
    }
}
