#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TradeGuardCore
import TradeGuardStore

/// `tradeguard session --key FP` (issue 18): what sshd runs for every managed key, whatever the
/// client asked for. It finds the key in the platform's database and then runs, as the key's
/// party, either the full-screen app (no command asked) or the TradeGuard command line the client
/// sent in SSH_ORIGINAL_COMMAND — split into words here, never by a shell.
enum SessionSubcommand {
    static let subcommand = Subcommand(
        name: "session", synopsis: "session --key FINGERPRINT",
        summary: "The SSH forced command: a session as the key's party (written into authorized_keys by 'keys add').",
        details: """
        Not typed by people: sshd runs it. Without SSH_ORIGINAL_COMMAND it opens the full-screen app as
        the key's party; with one it runs that TradeGuard command line with the party fixed.
        The database comes from the platform config, never from the connecting user.
        """,
        valueOptions: ["key"], run: run)

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        guard inv.value("db") == nil else { throw CLIError.usage("session takes its database from the platform config, not --db.") }
        guard let fingerprint = inv.value("key"), SSHPublicKey.isFingerprint(fingerprint) else {
            throw CLIError.usage("session needs --key FINGERPRINT (SHA256:…).")
        }
        guard let config = try PlatformConfig.load(environment: inv.environment), let database = config.database else {
            throw CLIError.failed("This host has no platform config with a database (\(PlatformConfig.location(environment: inv.environment) ?? "~/.config/tradeguard/platform.conf")); ask the platform's operator.")
        }
        let key = try lookUp(fingerprint, database: database, inv: inv)
        guard let asked = try originalCommand(inv.environment) else {
            return try SessionApp.run(key: key, database: database, inv: inv)
        }
        let words: [String]
        do {
            words = try SessionRules.prepare(try CommandWords.split(asked), key: key, database: database)
        } catch {
            // One sentence, without the usual pointer to 'session --help' (not the client's to run).
            inv.output.error("tradeguard: \(error.message)")
            return error.exitCode
        }
        return Program.dispatch(words, output: inv.output, input: inv.input, environment: inv.environment, session: key)
    }

    /// The key as the database holds it; unknown and revoked keys are refused here.
    private static func lookUp(_ fingerprint: String, database: String, inv: Invocation) throws -> KeyRecord {
        var arguments = inv.arguments
        arguments.values["db"] = [database]
        let lookup = Invocation(arguments: arguments, output: inv.output, input: inv.input, environment: inv.environment)
        let key = try lookup.withStore(.read) { try $0.key(fingerprint) }
        guard let key else { throw CLIError.failed("This key is not known to the platform; ask the platform to add it.") }
        if let revoked = key.revokedAt {
            throw CLIError.failed("This key was revoked on \(revoked.iso8601); ask the platform for a new one.")
        }
        return key
    }

    /// SSH_ORIGINAL_COMMAND, or nil when the client asked for no command. Bytes that are not UTF-8
    /// are refused (the environment's decoding would otherwise hide them).
    private static func originalCommand(_ environment: [String: String]) throws(CLIError) -> String? {
        if let raw = getenv("SSH_ORIGINAL_COMMAND"), String(validatingCString: raw) == nil {
            throw .usage("The command is not valid UTF-8 text; nothing was run.")
        }
        guard let text = environment["SSH_ORIGINAL_COMMAND"] else { return nil }
        return text
    }
}
