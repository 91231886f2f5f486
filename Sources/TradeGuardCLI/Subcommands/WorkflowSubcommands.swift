import Foundation
import TradeGuardApplication
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `draft` and `do`: the workflow without the full screen, through the same store entry points.
enum WorkflowSubcommands {
    static let draft = Subcommand(
        name: "draft", synopsis: "draft [CODE --if-version N] --as HANDLE --json FILE|- [--db PATH]",
        summary: "Create a draft order from a JSON contract (see README); prints the new order's code.",
        details: """
          --as HANDLE      the supplier or buyer drafting it (the other side confirms it later)
          --json FILE      the contract as JSON; '-' reads it from standard input
          CODE --if-version N
                           replace the contract of your draft CODE instead, if it is still at version N
                           (as 'tradeguard order CODE' showed it); if someone saved it since, nothing is
                           written and you are told which terms now differ from yours

        Money is always a decimal string ("1234.50"); a JSON number for money is refused.
        """,
        valueOptions: ["as", "json", "if-version"], run: runDraft)

    /// The options each action takes, from the action catalogue; every other option is refused for it.
    static let actionOptions: [OrderAction: (required: [String], optional: [String], item: Bool)] = Dictionary(
        uniqueKeysWithValues: ActionCatalogue.commandLine.map { entry in
            (entry.action, (required: entry.fields.filter { $0.required }.compactMap(\.option),
                            optional: entry.fields.filter { !$0.required }.compactMap(\.option),
                            item: entry.fields.contains { $0.kind == .checklistItem }))
        })

    static let actionNames = ActionCatalogue.commandLine.map(\.name)

    /// `do --help`'s list of actions: each one's usage, who takes it and what it does, the text
    /// wrapped in a column from 44 to 100.
    static var actionList: String {
        let indent = String(repeating: " ", count: 44)
        return ActionCatalogue.commandLine.map { entry in
            let usage = "  " + entry.usage
            var lines = [usage.count < 44 ? usage + String(repeating: " ", count: 44 - usage.count) : usage + "\n" + indent]
            for word in "\(entry.who): \(entry.help)".split(separator: " ") {
                let last = lines[lines.count - 1].split(separator: "\n").last.map(String.init) ?? ""
                if last.count > 44 && last.count + 1 + word.count > 100 { lines.append(indent + word) }
                else { lines[lines.count - 1] += (last.count > 44 ? " " : "") + word }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static let perform = Subcommand(
        name: "do", synopsis: "do ACTION CODE --as HANDLE [options] [--if-version N] [--db PATH]",
        summary: "Take one workflow action on an order, exactly as the full screen would.",
        details: """
        Actions:
        \(actionList)

        Checklist items: \(ChecklistItem.allCases.map(\.rawValue).joined(separator: ", ")).

          --as HANDLE      who acts (required)
          --if-version N   act only if the order is still at version N (as you last saw it); otherwise
                           nothing is written and you are told what changed

        Amounts are in the order's currency, e.g. 1234.50 or 1,234.50. A payment without --key gets a
        generated key, printed before the payment is attempted: retry with it and nothing is paid twice.
        """,
        valueOptions: Set(["as", "if-version"] + ActionCatalogue.commandLine.flatMap { $0.fields.compactMap(\.option) }),
        run: runDo)

    // MARK: draft

    static func runDraft(_ inv: Invocation) throws -> Int32 {
        var editing: (code: OrderCode, version: Int)?
        if let text = inv.positionals.first {
            if let extra = inv.positionals.dropFirst().first { throw CLIError.usage("Unexpected argument \(TextRules.quoted(extra)).") }
            let code = try ArgumentValue.orderCode(text)
            guard let versionText = inv.value("if-version") else {
                throw CLIError.usage("Editing draft \(code) needs --if-version N, the version you edited ('tradeguard order \(code)' shows it), so nobody's save is overwritten unseen.")
            }
            editing = (code, try ArgumentValue.integer(versionText, name: "--if-version", range: 1...Int(Int32.max)))
        } else if inv.value("if-version") != nil {
            throw CLIError.usage("--if-version applies to editing a draft: give its CODE, e.g. 'draft TG-0000042 --if-version 3 …'.")
        }
        guard let source = inv.value("json") else { throw CLIError.usage("draft needs --json FILE (or --json - for standard input).") }
        guard inv.value("as") != nil else { throw CLIError.usage("draft needs --as HANDLE: the supplier or buyer drafting it.") }
        let bytes = try readInput(source, stdin: inv.input)
        let parsed: ContractJSON
        do { parsed = try ContractJSON.decode(bytes) } catch { throw CLIError.failed(Failure.sentence(error.description)) }
        return try inv.withStore(.write) { store in
            guard let actor = try inv.actor(in: store, required: true, command: "draft") else { return 1 }
            guard actor.kind == .supplier || actor.kind == .buyer else {
                throw CLIError.failed("Only a supplier or a buyer can draft a contract; '\(actor.handle?.value ?? "")' is the platform.")
            }
            if let editing { return try editDraft(inv, store, editing.code, version: editing.version, parsed, as: actor) }
            do { _ = try store.party(parsed.counterparty) } catch let error as StoreError {
                throw CLIError.failed("counterparty: \(error.description)")
            }
            let order = try store.draft(parsed.contract, counterparty: parsed.counterparty, as: actor)
            inv.output.line(order.code.text)
            let problems = order.contract.problems(today: try store.now().utcDate)
            if !problems.isEmpty {
                inv.output.error("tradeguard draft: note: \(order.code) is saved as a draft but cannot be submitted yet: "
                                 + problems.map(\.description).joined(separator: " "))
            }
            return 0
        }
    }

    /// `draft CODE --if-version N`: the edit of a draft, refused with the terms that differ if
    /// someone saved it after version N.
    static func editDraft(_ inv: Invocation, _ store: Store, _ code: OrderCode, version: Int, _ parsed: ContractJSON,
                          as actor: Actor) throws -> Int32 {
        let order = try store.order(code, as: actor)
        let other = actor.kind == .supplier ? order.buyer : order.supplier
        guard parsed.counterparty == other else {
            throw CLIError.failed("The counterparty of \(code) is '\(other)' and cannot be changed by an edit; draft a new contract instead.")
        }
        let result: ActionResult
        do {
            result = try store.perform(.edit(parsed.contract), on: code, as: actor, expectedVersion: version)
        } catch let StoreError.staleVersion(_, _, whatChanged) {
            let current = try store.order(code, as: actor)
            let differing = current.contract.changedTerms(comparedTo: parsed.contract)
            let terms = differing.isEmpty ? "it now matches yours" : "its \(Text.list(differing)) now differ from yours"
            throw CLIError.failed("Draft \(code) was saved by someone else since version \(version) (\(whatChanged)) and nothing was overwritten: "
                                  + "\(terms); read it with 'tradeguard order \(code)' and save again with --if-version \(current.version).")
        }
        inv.output.line("\(code): draft saved, total \(MoneyFormat.display(result.order.total)); now draft (version \(result.order.version)).")
        return 0
    }

    /// The contract's bytes from a file or standard input (at most 16 MiB).
    static func readInput(_ source: String, stdin: ProgramInput) throws -> [UInt8] {
        let limit = 16 << 20
        if source == "-" {
            var data: [UInt8] = []
            while true {
                let chunk: [UInt8]
                do { chunk = try stdin.read(upTo: 65_536) } catch {
                    throw CLIError.failed("Cannot read standard input: \(error).")
                }
                if chunk.isEmpty { break }
                data.append(contentsOf: chunk)
                if data.count > limit { throw CLIError.failed("The contract is larger than 16 MiB.") }
            }
            return data
        }
        guard let handle = FileHandle(forReadingAtPath: source) else {
            let reason = FileFacts.exists(source) ? "it cannot be read" : "there is no such file"
            throw CLIError.failed("Cannot read the contract \(source): \(reason).")
        }
        defer { try? handle.close() }
        guard !FileFacts.isDirectory(source) else { throw CLIError.failed("Cannot read the contract \(source): it is a folder.") }
        let data = (try? handle.read(upToCount: limit + 1)) ?? nil
        guard let data else { return [] }
        if data.count > limit { throw CLIError.failed("The contract is larger than 16 MiB.") }
        return [UInt8](data)
    }

    // MARK: do

    static func runDo(_ inv: Invocation) throws -> Int32 {
        guard let name = inv.positionals.first else {
            throw CLIError.usage("do needs an ACTION and an order CODE, e.g. 'do confirm TG-0000042 --as hanse'.")
        }
        guard let action = OrderAction(rawValue: name), let spec = actionOptions[action] else {
            if let system = OrderAction(rawValue: name), [.autoCancel, .autoComplete, .close, .disputeTimeout].contains(system) {
                throw CLIError.usage("\(TextRules.quoted(name)) happens by itself when its deadline passes; 'tradeguard sweep' applies due timeouts.")
            }
            if name == "edit" { throw CLIError.usage("Drafts are edited with 'draft CODE --if-version N --as HANDLE --json FILE' or in the full-screen app; 'do' takes the other actions.") }
            throw CLIError.usage("Unknown action \(TextRules.quoted(name)); the actions are \(Text.list(actionNames, or: true)).")
        }
        // Positionals after the action: the code, and for tick/untick the item, in either order.
        let rest = Array(inv.positionals.dropFirst())
        let codeIndex = rest.firstIndex { OrderCode($0) != nil }
        guard let codeIndex else {
            if let first = rest.first(where: { $0.uppercased().hasPrefix("TG-") }) { _ = try ArgumentValue.orderCode(first) }
            throw CLIError.usage("do \(name) needs an order CODE, e.g. TG-0000042.")
        }
        let code = OrderCode(rest[codeIndex])!
        var others = rest
        others.remove(at: codeIndex)
        var item: ChecklistItem?
        if spec.item {
            guard let text = others.first else {
                throw CLIError.usage("do \(name) needs a checklist ITEM: \(ChecklistItem.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            item = try ArgumentValue.choice(text, name: "ITEM", ChecklistItem.self)
            others.removeFirst()
        }
        if let extra = others.first { throw CLIError.usage("Unexpected argument \(TextRules.quoted(extra)).") }
        let given = Set(inv.arguments.values.keys).subtracting(["db", "as", "if-version"])
        if let extra = given.subtracting(spec.required + spec.optional).sorted().first {
            throw CLIError.usage("--\(extra) does not apply to \(TextRules.quoted(name)).")
        }
        if let missing = spec.required.first(where: { inv.value($0) == nil }) {
            let placeholder = ActionCatalogue.entry(for: action).field(option: missing)?.placeholder ?? "T"
            throw CLIError.usage("\(name) needs --\(missing) \(placeholder).")
        }
        guard inv.value("as") != nil else { throw CLIError.usage("do needs --as HANDLE: who is acting.") }
        let expectedVersion = try inv.value("if-version").map { text throws(CLIError) in
            try ArgumentValue.integer(text, name: "--if-version", range: 1...Int(Int32.max))
        }
        let method = try inv.value("method").map { text throws(CLIError) in try ArgumentValue.choice(text, name: "--method", PaymentMethod.self) } ?? .tt
        let givenKey = try inv.value("key").map { text throws(CLIError) in
            do throws(PaymentError) { return try IdempotencyKey(text) } catch { throw .usage("--key: \(error.description)") }
        }
        let days = try inv.value("days").map { text throws(CLIError) in try ArgumentValue.integer(text, name: "--days", range: 1...10_000) }
        let kind = try inv.value("kind").map { text throws(CLIError) in try ArgumentValue.choice(text, name: "--kind", DisputeKind.self) }
        let remedy = try inv.value("remedy").map { text throws(CLIError) in try ArgumentValue.choice(text, name: "--remedy", RemedyKind.self) }
        if action == .dispute, (kind == nil) != (remedy == nil) {
            throw CLIError.usage("dispute takes --kind and --remedy together (or neither, for a refund the platform alone decides).")
        }

        return try inv.withStore(.write) { store in
            guard let actor = try inv.actor(in: store, required: true, command: "do") else { return 1 }
            // The order's currency is needed to read amounts; a party that may not see the
            // order is told it does not exist.
            let order = try store.order(code, as: actor)
            let currency = order.currency
            // Zero only where the catalogue allows it (a refund of nothing).
            func amount(_ option: String) throws -> Money {
                let allowZero = ActionCatalogue.entry(for: action).field(option: option)?.kind == .amount(allowZero: true)
                return try ArgumentValue.amount(inv.value(option)!, name: "--\(option)", currency: currency, allowZero: allowZero)
            }
            var generatedKey: IdempotencyKey?
            let command: OrderCommand
            switch action {
            case .submit: command = .submit
            case .confirm: command = .confirm
            case .requestChanges: command = .requestChanges(reason: inv.value("reason")!)
            case .cancel: command = .cancel(reason: inv.value("reason")!)
            case .pay:
                let money = try amount("amount")
                let key = givenKey ?? RandomSource.system().key()
                if givenKey == nil {
                    generatedKey = key
                    // Shown before the attempt: whatever happens next, the payer can retry with it
                    // and never pay twice.
                    inv.output.line("Payment key \(key) (generated): give --key \(key) to retry this payment safely.")
                    inv.output.flush()
                }
                command = .pay(amount: money, method: method, key: key)
            case .startProduction: command = .startProduction
            case .logContact: command = .logContact(note: inv.value("note")!)
            case .tick: command = .tick(item!, note: inv.value("note") ?? "")
            case .untick: command = .untick(item!, note: inv.value("note")!)
            case .ready: command = .ready
            case .ship: command = .ship(carrier: inv.value("carrier")!, tracking: inv.value("tracking")!)
            case .confirmReceipt: command = .confirmReceipt
            case .requestExtension: command = .requestExtension(days: days!, reason: inv.value("reason")!)
            case .acceptExtension: command = .acceptExtension
            case .declineExtension: command = .declineExtension
            case .extendReceipt: command = .extendReceipt
            case .dispute:
                let claimed = try inv.value("amount").map { _ in try amount("amount") }
                if let kind, let remedy {
                    command = .openDispute(kind: kind, remedy: remedy, amount: claimed, reason: inv.value("reason")!)
                } else {
                    command = .dispute(reason: inv.value("reason")!, amount: claimed)
                }
            case .counter: command = .counter(remedy: remedy!, amount: try inv.value("amount").map { _ in try amount("amount") }, note: inv.value("note")!)
            case .askEvidence: command = .askEvidence(note: inv.value("note")!)
            case .addEvidence: command = .addEvidence(description: inv.value("description")!, reference: inv.value("reference") ?? "")
            case .agree: command = .agree
            case .editClaim: command = .editClaim(remedy: remedy!, amount: try inv.value("amount").map { _ in try amount("amount") }, note: inv.value("note")!)
            case .withdraw: command = .withdraw(reason: inv.value("reason")!)
            case .escalate: command = .escalate(note: inv.value("note")!)
            case .recordRefund: command = .recordRefund(reference: inv.value("reference")!)
            case .claimBalance: command = .claimBalance(reason: inv.value("reason")!)
            case .decide: command = .decide(remedy: remedy!, amount: try inv.value("amount").map { _ in try amount("amount") }, reasoning: inv.value("reasoning")!)
            case .resolve: command = .resolve(refund: try amount("refund"))
            case .proposeChange: command = try proposal(inv, order: order, amount: amount)
            case .acceptChange: command = .acceptChange(number: try proposalNumber(inv, order: order))
            case .rejectChange: command = .rejectChange(number: try proposalNumber(inv, order: order), reason: inv.value("reason")!)
            case .edit, .autoCancel, .autoComplete, .close, .disputeTimeout:
                // Not in the catalogue's command-line actions: refused above, before any option.
                throw CLIError.usage("Unknown action \(TextRules.quoted(name)).")
            }
            let result: ActionResult
            do {
                result = try store.perform(command, on: code, as: actor, expectedVersion: expectedVersion)
            } catch {
                if let key = generatedKey, let storeError = error as? StoreError, storeError.isRetryable {
                    inv.output.error("tradeguard do: to retry this payment safely, use --key \(key).")
                }
                throw error
            }
            inv.output.line(ActionOutcome(command: command, code: code, after: result.order, payment: result.payment,
                                          wasReplay: result.wasReplay).line)
            return 0
        }
    }

    /// `propose-change`'s options applied to the contract as it stands.
    static func proposal(_ inv: Invocation, order: Order, amount: (String) throws -> Money) throws -> OrderCommand {
        var change = ChangeProposal()
        do {
            change.linePrice = try inv.value("price").map { text throws(ProposalError) in try ChangeProposal.linePrice(text, currency: order.currency) }
        } catch { throw CLIError.usage("--price: \(error.description)") }
        change.freight = try inv.value("freight").map { _ in try amount("freight") }
        change.address = inv.value("address")
        change.route = try inv.value("route").map { text throws(CLIError) in try ArgumentValue.choice(text, name: "--route", ShippingMethod.self) }
        change.routeFreight = try inv.value("route-fee").map { _ in try amount("route-fee") }
        guard change.linePrice != nil || change.freight != nil || change.address != nil || change.route != nil else {
            throw CLIError.usage(ProposalError.nothingGiven.description)
        }
        do {
            return .proposeChange(try change.contract(from: order.contract), routeFreight: change.routeFreight, reason: inv.value("reason")!)
        } catch { throw CLIError.failed(error.description) }
    }

    /// `--number N`, else the proposal waiting for an answer.
    static func proposalNumber(_ inv: Invocation, order: Order) throws -> Int {
        if let text = inv.value("number") { return try ArgumentValue.integer(text, name: "--number", range: 1...1_000_000) }
        guard let pending = order.pendingAmendment else { throw StoreError.refused(.noAmendmentPending) }
        return pending.number
    }
}
