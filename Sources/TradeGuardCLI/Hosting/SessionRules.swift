import TradeGuardCore
import TradeGuardStore

/// What a key's session may run (issue 18), decided on the words before anything opens: one
/// sentence for each refusal, naming what was refused.
enum SessionRules {
    /// Commands a company's key may run; they act as the key's party.
    static let partyCommands: Set<String> = ["orders", "order", "do", "draft", "limits", "anchor", "parties", "activate"]
    /// Of those, the ones that change something (refused for a read-only key).
    static let changing: Set<String> = ["do", "draft", "activate"]
    /// The ones that take `--as` (the session adds the key's party).
    static let actingAs: Set<String> = ["orders", "order", "do", "draft", "limits", "activate"]
    /// Commands that never run in a session, not even a platform key's: they make or replace files.
    static let neverOverSSH: Set<String> = ["session", "init", "demo", "bench", "terminal-test", "backup", "seed"]
    /// Options only the platform's key may give (the database is the platform config's for everyone).
    static let platformOptions = ["as", "on-behalf"]
    static let neverOptions = ["db", "config"]

    /// The words to run, with the session's `--db` (and `--as` for a party's key), or the refusal.
    static func prepare(_ words: [String], key: KeyRecord, database: String) throws(CLIError) -> [String] {
        guard let command = words.first else { throw .usage("No command given.") }
        if command == "--help" || command == "-h" || command == "help" || command == "--version" || command == "-V" { return words }
        for word in words where word.hasPrefix("--") {
            let name = String(word.dropFirst(2).prefix { $0 != "=" })
            if neverOptions.contains(name) {
                throw .usage("--\(name) is not allowed over SSH: the platform chooses the database; nothing was run.")
            }
            if platformOptions.contains(name), !key.isPlatform {
                throw .usage("--\(name) is not allowed over SSH: this key acts for \(key.party) only; nothing was run.")
            }
        }
        if command.hasPrefix("-") { throw .usage("Start with a command (e.g. orders); \(TextRules.quoted(Text.safe(command))) is not one; nothing was run.") }
        if neverOverSSH.contains(command) { throw .usage("'\(Text.safe(command))' cannot be run over SSH; nothing was run.") }
        if !key.isPlatform {
            guard partyCommands.contains(command) else {
                if Program.subcommands.contains(where: { $0.name == command }) {
                    throw .usage("'\(command)' is a platform command; this key acts for \(key.party) only; nothing was run.")
                }
                throw .usage("Unknown command \(TextRules.quoted(Text.safe(command))); this key may run \(partyCommands.sorted().joined(separator: ", ")).")
            }
            if command == "do", words.dropFirst().first(where: { !$0.hasPrefix("-") }) == "resolve" {
                throw .usage("'do resolve' is a platform command; this key acts for \(key.party) only; nothing was run.")
            }
        }
        if key.readOnly, changing.contains(command) { throw .failed(Attribution.readOnlySentence) }
        // Right after the command word: a `--` among the words would make them positionals.
        var fixed = ["--db", database]
        if !key.isPlatform, actingAs.contains(command) { fixed += ["--as", key.party.value] }
        return [command] + fixed + words.dropFirst()
    }
}
