import Foundation
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `limits`, `clock`, `sweep`, `check` and `backup`.
enum AdminSubcommands {
    static let limits = Subcommand(
        name: "limits", synopsis: "limits [--as HANDLE] [--format text|json] [--db PATH]",
        summary: "A supplier's protection limit (granted, reserved, available) and the formula term by term.",
        details: """
          --as HANDLE   one supplier (without it, or as the platform: every supplier)
          --format F    text (default) or json (always an array, see README)
        """,
        valueOptions: ["as", "format"], run: runLimits)

    static let clock = Subcommand(
        name: "clock", synopsis: "clock [show | advance STEP | set DATE] [--db PATH]",
        summary: "Show the clock, or move a demo database's simulated clock forward.",
        details: """
        clock                  show the clock (the default)
        clock advance 7d       move forward by a step: 7d, 12h, 30m or 2d12h
        clock set 2027-01-15   move forward to a day (00:00 UTC) or an instant (2027-01-15T09:30:00Z)

        Real databases run on the system clock; only demo databases can be moved. The clock never goes
        back. Timeouts that fall due are applied by 'tradeguard sweep' (the full screen sweeps by itself).
        """,
        run: runClock)

    static let sweep = Subcommand(
        name: "sweep", synopsis: "sweep [--db PATH]",
        summary: "Apply every timeout that is due: auto-cancel, auto-complete and close after the protection window.",
        run: runSweep)

    static let check = Subcommand(
        name: "check", synopsis: "check [--head SEQ:HASH] [--accept-damage] [--db PATH]",
        summary: "Verify the whole database: SQLite integrity, every invariant, derived columns, the audit hash chain, its anchor and the schema.",
        details: """
          --head SEQ:HASH   also verify a chain head kept from 'tradeguard anchor'
          --accept-damage   allow writes again on a file found damaged (after restoring what matters from a backup, say)

        Prints 'ok — N orders, M events, chain head HEX' (then any notes: what could not be verified),
        or each fault. Exit status: 0 clean, 1 tampered, inconsistent or damaged, 2 the database cannot be read.
        When SQLite finds the file damaged, writes are refused until a check runs clean again.
        """,
        valueOptions: ["head"], flagOptions: ["accept-damage"], run: runCheck)

    static let backup = Subcommand(
        name: "backup", synopsis: "backup FILE [--db PATH]",
        summary: "Write a consistent copy of the database to FILE (VACUUM INTO); safe while others use it.",
        details: "FILE must not exist yet: backup never overwrites. The copy gets the database's file mode.",
        run: runBackup)

    // MARK: limits

    static func runLimits(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        let format = try inv.format(["text", "json"])
        return try inv.withStore(.read) { store in
            let actor = try inv.actor(in: store, command: "limits")
            var handles: [Handle]
            if let actor, let handle = actor.handle, actor.kind != .platform {
                guard actor.kind == .supplier else {
                    throw CLIError.failed("'\(handle)' is a buyer; only suppliers have a limit ('tradeguard limits' shows every supplier's).")
                }
                handles = [handle]
            } else {
                handles = try store.allParties().filter { $0.party.kind == .supplier }.map(\.handle)
            }
            var items: [JSON] = []
            for (index, handle) in handles.enumerated() {
                let summary = try store.limitSummary(handle)
                let record = try store.party(handle)
                if format == "json" {
                    items.append(json(summary, record: record))
                } else {
                    if index > 0 { inv.output.line("") }
                    text(summary, record: record).forEach(inv.output.line)
                }
            }
            if format == "json" { inv.output.line(JSON.array(items).encoded(pretty: true)) }
            else if handles.isEmpty { inv.output.line("There are no suppliers yet.") }
            return 0
        }
    }

    static func json(_ summary: LimitSummary, record: PartyRecord) -> JSON {
        var formula: JSON = .null
        if let r = summary.latest {
            formula = .object([
                "at": .instant(r.at), "reason": .string(r.reason), "status": .string(r.status.rawValue),
                "memberYears": .int(r.memberYears), "closedValue": .money(r.closedValue), "closedCount": .int(r.closedCount),
                "violationPoints": .int(r.violationPoints), "base": .money(r.base), "tenure": .money(r.tenure),
                "volume": .money(r.volume), "count": .money(r.count), "penaltyPercent": .int(r.penaltyPercent),
                "granted": .money(r.granted),
            ])
        }
        return .object([
            "supplier": .string(summary.supplier.value), "name": .string(record.name), "currency": .string("USD"),
            "status": .string(summary.latest?.status.rawValue ?? LimitFormula.Status.notActivated.rawValue),
            "granted": .money(summary.granted), "reserved": .money(summary.reserved), "available": .money(summary.available),
            "formula": formula,
        ])
    }

    static func text(_ summary: LimitSummary, record: PartyRecord) -> [String] {
        func money(_ m: Money) -> String { Text.pad(MoneyFormat.display(m), 16, right: true) }
        var out = ["\(summary.supplier)  \(Text.safe(record.name))",
                   "  granted    \(money(summary.granted))",
                   "  reserved   \(money(summary.reserved))   (held by confirmed, open orders)",
                   "  available  \(money(summary.available))"]
        guard let r = summary.latest else {
            out.append("  The limit has not been computed yet: the supplier has not activated credit protection.")
            return out
        }
        let status: String
        switch r.status {
        case .active: status = "active"
        case .notActivated: status = "not activated — the limit is 0 until 'tradeguard activate'"
        case .suspended: status = "SUSPENDED (48 or more violation points) — the limit is 0"
        }
        let verification = record.party.verification
        let baseWhy = "5,000 activated" + (verification == .licence ? " + 5,000 licence-verified" : verification == .onsite ? " + 5,000 licence + 15,000 on-site verified" : ", not verified")
        out += [
            "  How it was computed (\(Text.time(r.at)), \(Text.safe(r.reason)); status \(status)):",
            "    base      \(money(r.base))   \(r.status == .notActivated ? "0 until activated" : baseWhy)",
            "    tenure    \(money(r.tenure))   1,000 × \(Text.plural(r.memberYears, "whole year")) as member (max 10,000)",
            "    volume    \(money(r.volume))   0.50 × \(MoneyFormat.display(r.closedValue)) of orders closed in the last 180 days",
            "    count     \(money(r.count))   2,000 × \(Text.plural(r.closedCount, "closed order")) (max 100)",
            "    penalty   \(Text.pad("× \(r.penaltyPercent)%", 16, right: true))   1 − 0.02 × \(Text.plural(r.violationPoints, "violation point"))",
            "    granted   \(money(r.granted))   rounded down to 1,000, at most US$1,000,000",
        ]
        return out
    }

    // MARK: clock

    static func runClock(_ inv: Invocation) throws -> Int32 {
        let verb = inv.positionals.first ?? "show"
        switch verb {
        case "show":
            try inv.requirePositionals(["show"], optional: 1)
            return try inv.withStore(.read) { store in
                let kind = try store.kind()
                let now = try store.now()
                inv.output.line("\(Text.time(now)) (\(now.iso8601)) — " + (kind == .demo ? "simulated clock of a demo database." : "system clock of a real database."))
                return 0
            }
        case "advance":
            guard inv.positionals.count == 2 else {
                throw CLIError.usage(inv.positionals.count < 2 ? "clock advance needs a STEP such as 7d, 12h or 30m." : "Unexpected argument \(TextRules.quoted(inv.positionals[2])).")
            }
            let step: ClockStep
            do { step = try ClockStep.parse(inv.positionals[1]) } catch { throw CLIError.usage(error.description) }
            return try inv.withStore(.write) { store in
                try demoOnly(store)
                let now = try store.advanceClock(by: step)
                inv.output.line("Clock moved to \(Text.time(now)). Run 'tradeguard sweep' to apply timeouts that are now due.")
                return 0
            }
        case "set":
            guard inv.positionals.count == 2 else {
                throw CLIError.usage(inv.positionals.count < 2 ? "clock set needs a DATE (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ)." : "Unexpected argument \(TextRules.quoted(inv.positionals[2])).")
            }
            let text = inv.positionals[1]
            guard let target = Instant.parse(text) else {
                if text.count == 10 {
                    do { _ = try CalendarDate.parse(text) } catch { throw CLIError.usage(error.description) }
                }
                throw CLIError.usage("\(TextRules.quoted(text)) is not a date (YYYY-MM-DD) or a UTC instant (YYYY-MM-DDTHH:MM:SSZ).")
            }
            return try inv.withStore(.write) { store in
                try demoOnly(store)
                let now = try store.setClock(to: target)
                inv.output.line("Clock set to \(Text.time(now)). Run 'tradeguard sweep' to apply timeouts that are now due.")
                return 0
            }
        default:
            throw CLIError.usage("clock takes show, advance STEP or set DATE (got \(TextRules.quoted(verb))).")
        }
    }

    private static func demoOnly(_ store: Store) throws {
        if try store.kind() == .real {
            throw CLIError.failed("This is a real database on the system clock; only a demo database's clock can be changed.")
        }
    }

    // MARK: sweep

    static func runSweep(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        return try inv.withStore(.write) { store in
            var total = 0
            let batch = 10_000
            while true {
                let applied = try store.sweep(limit: batch)
                for (code, action) in applied { inv.output.line("\(code)  \(action.rawValue)") }
                total += applied.count
                if applied.count < batch { break }
            }
            inv.output.line(total == 0 ? "Nothing was due at \(Text.time(try store.now()))."
                                       : "Applied \(Text.plural(total, "timeout")) (clock \(Text.time(try store.now()))).")
            return 0
        }
    }

    // MARK: check

    static func runCheck(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        var kept: KeptHead?
        if let text = inv.value("head") {
            guard let parsed = KeptHead(parsing: text) else {
                throw CLIError.usage("--head must be SEQ:HASH as 'tradeguard anchor' prints it, e.g. 18214:3fa0… with 64 hex digits (got \(TextRules.quoted(text))).")
            }
            kept = parsed
        }
        // A database that cannot be opened or read was not checked: 2, not 1 (tampered).
        let store: Store
        do { store = try inv.openStore(.read) } catch {
            inv.output.error("tradeguard check: \(Failure.describe(error))")
            return 2
        }
        defer { store.close() }
        let accepted = inv.arguments.has("accept-damage")
        let report: IntegrityReport
        do { report = try store.check(head: kept) } catch let error as SQLiteError where error.isCorrupt {
            // Damaged past what SQLite's own check can walk: say so, not "run check".
            if accepted { DamageMarker.clear(for: store.path) }
            throw CLIError.failed("The file is damaged so badly that SQLite's integrity check stopped (\(error.message)); "
                                  + (accepted ? "damage accepted: writes are allowed again, at your risk."
                                              : "restore a backup; writes are refused until a check runs clean, or 'tradeguard check --accept-damage' allows them."))
        } catch {
            inv.output.error("tradeguard check: the database could not be read to the end: \(Failure.describe(error))")
            return 2
        }
        let head = report.chainHead.map { String(format: "%02x", $0) }.joined()
        if report.isClean {
            inv.output.line("ok — \(Text.plural(report.orders, "order")), \(Text.plural(report.events, "event")), chain head \(head)")
            for note in report.notes { inv.output.line("note: \(Text.safe(note))") }
            return 0
        }
        for fault in report.faults { inv.output.line("fault: \(Text.safe(fault))") }
        for note in report.notes { inv.output.line("note: \(Text.safe(note))") }
        if DamageMarker.finding(for: store.path) != nil {
            if accepted {
                DamageMarker.clear(for: store.path)
                inv.output.line("Damage accepted: writes are allowed again, at your risk.")
            } else {
                inv.output.line("Writes are refused until a check runs clean; 'tradeguard check --accept-damage' allows them anyway.")
            }
        }
        inv.output.error("tradeguard check: \(Text.plural(report.faults.count, "fault")) found in \(store.path) (\(Text.plural(report.orders, "order")), \(Text.plural(report.events, "event")) checked).")
        return 1
    }

    // MARK: backup

    static func runBackup(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals(["FILE"])
        let target = inv.positionals[0]
        guard !target.isEmpty else { throw CLIError.usage("backup needs a FILE to write.") }
        if FileFacts.exists(target) {
            throw CLIError.failed("\(TextRules.shown(target)) already exists; backup never overwrites, so choose a new file name.")
        }
        // The copy's key and anchor go beside it: refused before anything is written, not after.
        for sibling in [target + ".key", target + ".anchor"] where FileFacts.exists(sibling) {
            throw CLIError.failed("\(TextRules.shown(sibling)) already exists (left from an earlier copy?); backup never overwrites, so remove it or choose a new file name.")
        }
        let source = try inv.databasePath()
        if (try? canonical(source)) == (try? canonical(target)) { throw CLIError.failed("The backup must be a different file from the database.") }
        return try inv.withStore(.read) { store in
            // Read before the copy's snapshot, so the copied anchor never runs ahead of it.
            let anchor = AnchorCopy.read(database: store.fileName)
            var info = stat()
            let mode: mode_t = stat(source, &info) == 0 ? info.st_mode & 0o777 : 0o600
            // Written aside and moved into place whole: a killed backup leaves no partial file
            // under the name, and the copy never has wider permissions than the database.
            let outcome: AtomicFile.Outcome
            do {
                outcome = try AtomicFile.create(at: target, fileMode: mode) { temporary in
                    try store.copy(into: temporary)
                }
            } catch {
                throw CLIError.failed("The backup failed and nothing was left behind: \(Failure.describe(error))")
            }
            guard outcome == .created else {
                throw CLIError.failed("\(TextRules.shown(target)) already exists; backup never overwrites, so choose a new file name.")
            }
            do { try anchor.write(besideDatabase: target) } catch {
                throw CLIError.failed("The database was backed up to \(TextRules.shown(target)), but its anchor and key could not be copied beside it: \(Failure.describe(error))")
            }
            let size = FileFacts.size(target) ?? 0
            inv.output.line("Backed up \(source) to \(target) (\(size) bytes).")
            return 0
        }
    }

    private static func canonical(_ path: String) throws -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
