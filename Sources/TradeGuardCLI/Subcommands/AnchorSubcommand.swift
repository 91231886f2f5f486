import TradeGuardCore
import TradeGuardStore

/// `tradeguard anchor`: the current chain head, `SEQ:HASH`, for a party to keep outside the
/// platform. Later, `tradeguard check --head SEQ:HASH` proves the log still holds that head —
/// the one thing that catches the platform itself rewriting or cutting its own log.
enum AnchorSubcommand {
    static let subcommand = Subcommand(
        name: "anchor", synopsis: "anchor [--db PATH]",
        summary: "Print the audit chain's current head (SEQ:HASH) for a party to keep; 'check --head' verifies against it.",
        details: """
        Prints one line, e.g. 18214:3fa0…(64 hex digits): the newest event's number and its chain hash.
        Keep it somewhere the platform cannot write (your own records, an e-mail). Whoever later runs
        'tradeguard check --head 18214:3fa0…' on the platform's database learns whether the log still
        holds exactly that history up to event 18214.
        """,
        run: run)

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        return try inv.withStore(.read) { store in
            guard let head = try store.currentHead() else { throw CLIError.failed("The audit log is empty; there is no head to keep yet.") }
            inv.output.line(KeptHead(sequence: head.sequence, hash: head.hash).description)
            return 0
        }
    }
}
