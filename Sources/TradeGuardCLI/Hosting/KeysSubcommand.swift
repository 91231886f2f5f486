import Foundation
import TradeGuardCore
import TradeGuardStore

/// `keys add|list|revoke` (issue 18): the SSH keys companies reach the platform with, each bound
/// to one party. A platform act: locally the account that owns the database, or a platform key.
enum KeysSubcommand {
    static let subcommand = Subcommand(
        name: "keys", synopsis: "keys add HANDLE --name NAME [--readonly] (--file KEY.pub | -) | keys list [--format table|json] | keys revoke FINGERPRINT",
        summary: "Bind SSH keys to parties and keep authorized_keys in step (a platform act).",
        details: """
        keys add ningbo-homeware --name "Sales desk 1" --file desk1.pub
        keys add hanse-kuechen --name "Auditor" --readonly -      (the key on standard input)
        keys list
        keys revoke SHA256:…                  takes effect at the next connection; a running session ends at its next action

        The database, the authorized_keys file (default ~/.ssh/authorized_keys) and the tradeguard
        binary sshd runs come from the platform config ($TRADEGUARD_PLATFORM_CONFIG, else
        ~/.config/tradeguard/platform.conf). Each key's line forces 'tradeguard session --key FP'.
        """,
        valueOptions: ["name", "file", "format"], flagOptions: ["readonly"], run: run)

    static func run(_ inv: Invocation) throws -> Int32 {
        let config = try PlatformConfig.load(environment: inv.environment) ?? PlatformConfig(path: PlatformConfig.location(environment: inv.environment) ?? "platform.conf")
        let inv = try inv.onPlatformDatabase(config)
        guard let verb = inv.positionals.first else { throw CLIError.usage("keys needs add, list or revoke.") }
        switch verb {
        case "add":
            guard inv.positionals.count >= 2 else { throw CLIError.usage("keys add needs the HANDLE of the party the key acts for.") }
            guard let name = inv.value("name") else { throw CLIError.usage("keys add needs --name NAME (who holds the key, e.g. \"Sales desk 1\").") }
            let source: String
            switch (inv.value("file"), inv.positionals.count) {
            case (let file?, 2): source = file
            case (nil, 3) where inv.positionals[2] == "-": source = "-"
            case (_?, _): throw CLIError.usage("Give the key with --file KEY.pub or '-', not both.")
            default: throw CLIError.usage("keys add needs the public key: --file KEY.pub, or '-' to read it from standard input.")
            }
            let handle: Handle
            do { handle = try Handle(inv.positionals[1]) } catch { throw CLIError.usage("keys add: \(error.description)") }
            let bytes = try WorkflowSubcommands.readInput(source, stdin: inv.input)
            guard let text = String(bytes: bytes, encoding: .utf8) else { throw CLIError.failed("The public key is not UTF-8 text.") }
            let key = try SSHPublicKey(parsing: text)
            return try inv.withStore(.write) { store in
                let record = try store.addKey(key, for: handle, name: name, readOnly: inv.arguments.has("readonly"), as: inv.platformActor)
                try rewrite(store, config: config, inv: inv)
                inv.output.line("Added \(record.fingerprint) for \(record.party) (\(Text.safe(record.name))\(record.readOnly ? ", read-only" : "")).")
                return 0
            }
        case "list":
            try inv.requirePositionals(["list"])
            let format = try inv.format(["table", "json"])
            return try inv.withStore(.read) { store in
                let keys = try store.keys()
                if format == "json" {
                    inv.output.line(JSON.array(keys.map(json)).encoded(pretty: true))
                    return 0
                }
                var rows = [["FINGERPRINT", "PARTY", "NAME", "ACCESS", "ADDED", "REVOKED"]]
                for k in keys {
                    rows.append([k.fingerprint, k.party.value, Text.safe(k.name), k.readOnly ? "read-only" : "full",
                                 k.addedAt.iso8601, k.revokedAt?.iso8601 ?? ""])
                }
                Table.print(rows, rightAligned: [], to: inv.output)
                return 0
            }
        case "revoke":
            try inv.requirePositionals(["revoke", "FINGERPRINT"])
            let fingerprint = inv.positionals[1]
            guard SSHPublicKey.isFingerprint(fingerprint) else {
                throw CLIError.usage("\(TextRules.quoted(fingerprint)) is not a key fingerprint (SHA256: and 43 characters, as 'keys list' shows).")
            }
            return try inv.withStore(.write) { store in
                let record = try store.revokeKey(fingerprint, as: inv.platformActor)
                try rewrite(store, config: config, inv: inv)
                inv.output.line("Revoked \(record.fingerprint) (\(record.party), \(Text.safe(record.name))); it can no longer connect.")
                return 0
            }
        default:
            throw CLIError.usage("keys takes add, list or revoke (got \(TextRules.quoted(verb))).")
        }
    }

    /// authorized_keys follows the table after each change.
    private static func rewrite(_ store: Store, config: PlatformConfig, inv: Invocation) throws {
        let path = try config.authorizedKeysPath(environment: inv.environment)
        do {
            try AuthorizedKeysFile.write(path: path, keys: try store.keys(), binary: config.binaryPath())
        } catch {
            throw CLIError.failed("The key change is recorded, but \(path) could not be rewritten: \(Failure.describe(error)) Run 'tradeguard keys list' and try again.")
        }
    }

    static func json(_ k: KeyRecord) -> JSON {
        .object(["fingerprint": .string(k.fingerprint), "party": .string(k.party.value), "name": .string(k.name),
                 "readOnly": .bool(k.readOnly), "addedAt": .instant(k.addedAt), "addedBy": .string(k.addedBy),
                 "revokedAt": .instant(k.revokedAt)])
    }
}

extension Invocation {
    /// The same invocation on the platform config's database, when the config names one: `--db`
    /// may repeat it but not point elsewhere (keys added to one file, sessions reading another).
    func onPlatformDatabase(_ config: PlatformConfig) throws(CLIError) -> Invocation {
        guard let database = config.database else { return self }
        if let given = arguments.value("db"), given != database {
            throw .usage("--db \(given) is not the platform's database \(database) (set in \(config.path)).")
        }
        var arguments = self.arguments
        arguments.values["db"] = [database]
        var copy = Invocation(arguments: arguments, output: output, input: input, environment: environment)
        copy.session = session
        return copy
    }

    /// The platform, as whoever runs a platform act here is (a platform key, or the owning account).
    var platformActor: Actor { .platform }
}
