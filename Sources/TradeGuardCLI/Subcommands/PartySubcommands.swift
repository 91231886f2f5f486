import TradeGuardCore
import TradeGuardStore

/// `parties`, `party add|edit|points`, `activate` and `rate set|list`.
enum PartySubcommands {
    static let parties = Subcommand(
        name: "parties", synopsis: "parties [--format table|json] [--db PATH]",
        summary: "List the parties and their handles (the names --as takes), with each supplier's limit.",
        details: "  --format F   table (default) or json",
        valueOptions: ["format"], run: runParties)

    static let party = Subcommand(
        name: "party", synopsis: "party add|edit|points|tier … [--db PATH]",
        summary: "Manage parties (a platform act).",
        details: """
        party add HANDLE --kind supplier|buyer --name NAME --country CC --email EMAIL
                  [--verification none|licence|onsite] [--member-since YYYY-MM-DD]
        party edit HANDLE [--name NAME] [--country CC] [--email EMAIL] [--verification LEVEL] [--member-since DATE]
        party points HANDLE N          set a supplier's violation points (0–1000; 48 or more suspends)
        party tier HANDLE standard|enterprise
                                       set a buyer's tier: 30 or 60 days of protection after receipt

          --as HANDLE   who acts (default: platform; only the platform may manage parties)

        A handle is 2–32 lower-case letters, digits or hyphens, starting with a letter, and never changes.
        Member since defaults to today (the database's clock).
        """,
        valueOptions: ["kind", "name", "country", "email", "verification", "member-since", "as"], run: runParty)

    static let activate = Subcommand(
        name: "activate", synopsis: "activate --as SUPPLIER [--db PATH]",
        summary: "Turn credit protection on for a supplier; its limit is computed at once.",
        details: "  --as SUPPLIER   the supplier (the platform may also activate one: --as platform SUPPLIER)",
        valueOptions: ["as"], run: runActivate)

    static let rate = Subcommand(
        name: "rate", synopsis: "rate set CURRENCY RATE [--date YYYY-MM-DD] | rate list [--db PATH]",
        summary: "Set an exchange rate to USD (a platform act), or list the rates in force.",
        details: """
        rate set EUR 0.92             one US dollar buys 0.92 euros, from today on (up to 6 decimals)
        rate set JPY 151.3 --date 2026-12-01
        rate list                     the newest rate of each currency as of today

          --date D   the day the rate takes effect (default: today, by the database's clock)
          --as H     who acts (default: platform)
        """,
        valueOptions: ["date", "as"], run: runRate)

    // MARK: parties

    static func runParties(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        let format = try inv.format(["table", "json"])
        return try inv.withStore(.read) { store in
            let records = try store.allParties()
            if format == "json" {
                inv.output.line(JSON.array(records.map(json)).encoded(pretty: true))
                return 0
            }
            var rows = [["HANDLE", "KIND", "NAME", "COUNTRY", "VERIFIED", "MEMBER SINCE", "ACTIVE", "POINTS", "GRANTED", "RESERVED", "AVAILABLE"]]
            for record in records {
                let p = record.party
                let supplier = p.kind == .supplier
                rows.append([p.handle.value, p.kind.rawValue, Text.safe(p.name), p.country, p.verification.rawValue, p.memberSince.iso,
                             supplier ? (p.activation.isActive ? (p.isSuspended ? "suspended" : "yes") : "no") : "",
                             // A buyer's points come from balance claims it lost or agreed to (rule 3310).
                             supplier || p.violationPoints > 0 ? String(p.violationPoints) : "",
                             supplier ? Text.money(record.granted) : "", supplier ? Text.money(record.reserved) : "",
                             supplier ? Text.money(record.position.available) : ""])
            }
            Table.print(rows, rightAligned: [7, 8, 9, 10], to: inv.output)
            return 0
        }
    }

    static func json(_ record: PartyRecord) -> JSON {
        let p = record.party
        var fields: [String: JSON] = [
            "handle": .string(p.handle.value), "kind": .string(p.kind.rawValue), "name": .string(p.name),
            "country": .string(p.country), "email": .string(p.email), "verification": .string(p.verification.rawValue),
            "memberSince": .date(p.memberSince), "activated": .bool(p.activation.isActive),
            "activatedAt": .instant(activatedAt(p.activation)), "violationPoints": .int(p.violationPoints),
            "suspended": .bool(p.kind == .supplier && p.isSuspended),
        ]
        if p.kind == .supplier {
            fields["limit"] = .object(["granted": .money(record.granted), "reserved": .money(record.reserved),
                                       "available": .money(record.position.available)])
        }
        return .object(fields)
    }

    static func activatedAt(_ state: ActivationState) -> Instant? {
        if case let .active(since) = state { return since }
        return nil
    }

    // MARK: party

    static func runParty(_ inv: Invocation) throws -> Int32 {
        guard let verb = inv.positionals.first else { throw CLIError.usage("party needs add, edit, points or tier.") }
        let options = Set(inv.arguments.values.keys).subtracting(["db", "as"])
        func allow(_ allowed: Set<String>) throws {
            if let extra = options.subtracting(allowed).sorted().first {
                throw CLIError.usage("--\(extra) does not apply to 'party \(verb)'.")
            }
        }
        switch verb {
        case "add":
            try allow(["kind", "name", "country", "email", "verification", "member-since"])
            guard inv.positionals.count == 2 else { throw CLIError.usage(inv.positionals.count < 2 ? "party add needs a HANDLE." : "Unexpected argument \(TextRules.quoted(inv.positionals[2])).") }
            return try add(inv, handle: inv.positionals[1])
        case "edit":
            try allow(["name", "country", "email", "verification", "member-since"])
            guard inv.positionals.count == 2 else { throw CLIError.usage(inv.positionals.count < 2 ? "party edit needs a HANDLE." : "Unexpected argument \(TextRules.quoted(inv.positionals[2])).") }
            guard !options.isEmpty else { throw CLIError.usage("party edit needs at least one of --name, --country, --email, --verification, --member-since.") }
            return try edit(inv, handle: inv.positionals[1])
        case "points":
            try allow([])
            guard inv.positionals.count == 3 else {
                throw CLIError.usage(inv.positionals.count > 3 ? "Unexpected argument \(TextRules.quoted(inv.positionals[3]))." : "party points needs a HANDLE and a number of points.")
            }
            return try points(inv, handle: inv.positionals[1], text: inv.positionals[2])
        case "tier":
            try allow([])
            guard inv.positionals.count == 3 else {
                throw CLIError.usage(inv.positionals.count > 3 ? "Unexpected argument \(TextRules.quoted(inv.positionals[3]))." : "party tier needs a HANDLE and standard or enterprise.")
            }
            return try tier(inv, handle: inv.positionals[1], text: inv.positionals[2])
        default:
            throw CLIError.usage("party takes add, edit, points or tier (got \(TextRules.quoted(verb))).")
        }
    }

    private static func platformActor(_ inv: Invocation, _ store: Store) throws -> Actor {
        try inv.actor(in: store, command: "party") ?? .platform
    }

    private static func add(_ inv: Invocation, handle text: String) throws -> Int32 {
        let handle = try ArgumentValue.handle(text, name: "HANDLE")
        guard let kindText = inv.value("kind") else { throw CLIError.usage("party add needs --kind supplier|buyer.") }
        let kind = try ArgumentValue.choice(kindText, name: "--kind", PartyKind.self)
        guard kind != .platform else { throw CLIError.usage("--kind must be supplier or buyer; there is only one platform.") }
        guard let name = inv.value("name") else { throw CLIError.usage("party add needs --name NAME.") }
        guard let country = inv.value("country") else { throw CLIError.usage("party add needs --country CC (two letters, e.g. DE).") }
        guard let email = inv.value("email") else { throw CLIError.usage("party add needs --email EMAIL.") }
        let verification = try inv.value("verification").map { text throws(CLIError) in
            try ArgumentValue.choice(text, name: "--verification", VerificationLevel.self)
        } ?? VerificationLevel.none
        let memberSince = try inv.value("member-since").map { text throws(CLIError) in try ArgumentValue.date(text, name: "--member-since") }
        return try inv.withStore(.write) { store in
            let since = try memberSince ?? store.now().utcDate
            let party: Party
            do {
                party = try Party.validated(handle: handle.value, kind: kind, name: name, country: country, email: email,
                                            memberSince: since, verification: verification)
            } catch { throw CLIError.failed(Failure.describe(error)) }
            try store.addParty(party, as: try platformActor(inv, store))
            var line = "Added \(kind.rawValue) '\(party.handle)' (\(Text.safe(party.name)), \(party.country))."
            if kind == .supplier { line += " It activates credit protection with 'tradeguard activate --as \(party.handle)'." }
            inv.output.line(line)
            return 0
        }
    }

    private static func edit(_ inv: Invocation, handle text: String) throws -> Int32 {
        let handle = try ArgumentValue.handle(text, name: "HANDLE")
        let verification = try inv.value("verification").map { text throws(CLIError) in
            try ArgumentValue.choice(text, name: "--verification", VerificationLevel.self)
        }
        let memberSince = try inv.value("member-since").map { text throws(CLIError) in try ArgumentValue.date(text, name: "--member-since") }
        return try inv.withStore(.write) { store in
            let current = try store.party(handle).party
            guard current.kind != .platform else { throw CLIError.failed("The platform party cannot be edited.") }
            var party: Party
            do {
                party = try Party.validated(handle: current.handle.value, kind: current.kind, name: inv.value("name") ?? current.name,
                                            country: inv.value("country") ?? current.country, email: inv.value("email") ?? current.email,
                                            memberSince: memberSince ?? current.memberSince, verification: verification ?? current.verification)
            } catch { throw CLIError.failed(Failure.describe(error)) }
            party.activation = current.activation
            party.violationPoints = current.violationPoints
            guard party != current else {
                inv.output.line("Nothing changed: '\(handle)' already has those details.")
                return 0
            }
            try store.editParty(party, as: try platformActor(inv, store))
            var line = "Updated '\(handle)'."
            if party.kind == .supplier { line += " Limit granted: \(Text.money(try store.party(handle).granted))." }
            inv.output.line(line)
            return 0
        }
    }

    private static func points(_ inv: Invocation, handle text: String, text points: String) throws -> Int32 {
        let handle = try ArgumentValue.handle(text, name: "HANDLE")
        let value = try ArgumentValue.integer(points, name: "Violation points", range: 0...1000)
        return try inv.withStore(.write) { store in
            try store.setViolationPoints(handle, to: value, as: try platformActor(inv, store))
            let record = try store.party(handle)
            var line = "'\(handle)' now has \(Text.plural(value, "violation point")); limit granted \(Text.money(record.granted))."
            if record.party.isSuspended { line += " Its credit protection is suspended (48 points or more)." }
            inv.output.line(line)
            return 0
        }
    }

    /// A buyer's tier (issue 21): the protection window its orders get at receipt.
    private static func tier(_ inv: Invocation, handle text: String, text tierText: String) throws -> Int32 {
        let handle = try ArgumentValue.handle(text, name: "HANDLE")
        let tier = try ArgumentValue.choice(tierText, name: "Tier", BuyerTier.self)
        return try inv.withStore(.write) { store in
            try store.setBuyerTier(handle, to: tier, as: try platformActor(inv, store))
            inv.output.line("'\(handle)' is now \(tier == .enterprise ? "an enterprise" : "a standard") buyer: \(tier.protectionDays) days of protection after receipt on orders received from now on.")
            return 0
        }
    }

    // MARK: activate

    static func runActivate(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals(["SUPPLIER"], optional: 1)
        return try inv.withStore(.write) { store in
            guard let actor = try inv.actor(in: store, required: true, command: "activate") else { return 1 }
            let target: Handle
            if let text = inv.positionals.first {
                target = try ArgumentValue.handle(text, name: "SUPPLIER")
            } else {
                guard actor.kind == .supplier, let handle = actor.handle else {
                    throw CLIError.usage("activate acts as the supplier itself: --as SUPPLIER (or --as platform SUPPLIER).")
                }
                target = handle
            }
            let breakdown = try store.activate(target, as: actor)
            inv.output.line("Credit protection is active for '\(target)'; limit granted \(Text.money(breakdown.granted)).")
            return 0
        }
    }

    // MARK: rate

    static func runRate(_ inv: Invocation) throws -> Int32 {
        guard let verb = inv.positionals.first else { throw CLIError.usage("rate needs set or list.") }
        switch verb {
        case "set":
            guard inv.positionals.count == 3 else {
                throw CLIError.usage(inv.positionals.count > 3 ? "Unexpected argument \(TextRules.quoted(inv.positionals[3]))." : "rate set needs a CURRENCY and a RATE, e.g. 'rate set EUR 0.92'.")
            }
            guard let currency = Currency.named(inv.positionals[1]) else {
                throw CLIError.usage("\(TextRules.quoted(inv.positionals[1])) is not a currency TradeGuard trades in (\(Text.list(Currency.all.map(\.code), or: true))).")
            }
            guard currency != .usd else { throw CLIError.usage("The limit is kept in USD; USD needs no rate.") }
            let date = try inv.value("date").map { text throws(CLIError) in try ArgumentValue.date(text, name: "--date") }
            return try inv.withStore(.write) { store in
                let effective = try date ?? store.now().utcDate
                let rate: ExchangeRate
                do throws(RateError) { rate = try ExchangeRate.parse(inv.positionals[2], currency: currency, effective: effective) } catch {
                    throw CLIError.usage(Failure.sentence(error.description))
                }
                try store.setRate(rate, as: try inv.actor(in: store, command: "rate") ?? .platform)
                inv.output.line("\(currency.code): \(rate.decimalString) per US$1, effective \(effective.iso).")
                return 0
            }
        case "list":
            guard inv.positionals.count == 1 else { throw CLIError.usage("Unexpected argument \(TextRules.quoted(inv.positionals[1])).") }
            guard inv.value("as") == nil else { throw CLIError.usage("--as does not apply to 'rate list'.") }
            let date = try inv.value("date").map { text throws(CLIError) in try ArgumentValue.date(text, name: "--date") }
            return try inv.withStore(.read) { store in
                let day = try date ?? store.now().utcDate
                let rates = try store.currentRates(on: day)
                if rates.isEmpty {
                    inv.output.line("No exchange rates are set as of \(day.iso); orders can be confirmed in USD only.")
                    return 0
                }
                var rows = [["CURRENCY", "PER US$1", "EFFECTIVE"]]
                rows += rates.map { [$0.currency.code, $0.decimalString, $0.effective.iso] }
                Table.print(rows, rightAligned: [1], to: inv.output)
                return 0
            }
        default:
            throw CLIError.usage("rate takes set or list (got \(TextRules.quoted(verb))).")
        }
    }
}

/// Plain columns, padded to the widest cell (by characters; handles and amounts are ASCII).
enum Table {
    static func print(_ rows: [[String]], rightAligned: Set<Int> = [], to output: Output) {
        guard let header = rows.first else { return }
        var widths = header.map(Text.columns)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Text.columns(cell)) } }
        for row in rows {
            var cells: [String] = []
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                cells.append(last && !rightAligned.contains(i) ? cell : Text.pad(cell, widths[i], right: rightAligned.contains(i)))
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            output.line(line)
        }
    }
}
