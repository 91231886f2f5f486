import TradeGuardCore

/// Every order action, described once: the app's keys, hint bar, help, palette, forms and
/// questions, and the command line's `do` options, usage and sentences all read this, and the
/// README's tables are checked against it. The switch has no `default:`: a new `OrderAction`
/// does not compile until it is described here.
public enum ActionCatalogue {
    /// Every action, in the domain's order.
    public static let all: [ActionEntry] = OrderAction.allCases.map(entry(for:))

    /// The actions the app offers by key, in the order of the hint bar and the help.
    public static let keyed: [ActionEntry] = all.filter(\.inApp)

    /// The actions `tradeguard do` takes.
    public static let commandLine: [ActionEntry] = all.filter(\.inCommandLine)

    /// The action a key starts in the app, if any.
    public static func action(forKey key: Character) -> OrderAction? {
        keyed.first { $0.key == key }?.action
    }

    public static func entry(for action: OrderAction) -> ActionEntry {
        let done = Sentences.noteDone, line = Sentences.lineDone
        let parties: [ActionTaker] = [.supplier, .buyer]
        switch action {
        case .edit:
            // The contract form in the app; `tradeguard draft CODE --if-version N` on the command line.
            return ActionEntry(action: action, key: "i", hint: "edit", takers: parties, who: "the drafter", fields: [],
                               asksFirst: false, help: "change the contract of your draft", inCommandLine: false,
                               note: done, line: line)
        case .submit:
            return ActionEntry(action: action, key: "u", hint: "submit", takers: parties, who: "the drafter", fields: [],
                               asksFirst: true, help: "send a draft to the other party", inCommandLine: true,
                               note: done, line: Sentences.lineSubmitted)
        case .confirm:
            return ActionEntry(action: action, key: "c", hint: "confirm", takers: parties, who: "the other party", fields: [],
                               asksFirst: true, help: "confirm the contract; reserves what the supplier's limit covers",
                               inCommandLine: true, note: Sentences.noteConfirmed, line: Sentences.lineConfirmed)
        case .requestChanges:
            return ActionEntry(action: action, key: "r", hint: "changes", takers: parties, who: "the other party", fields: [.reason],
                               asksFirst: false, help: "send the contract back to its drafter", inCommandLine: true,
                               note: done, line: line)
        case .cancel:
            return ActionEntry(action: action, key: "x", hint: "cancel", takers: parties, who: "either party, before any payment",
                               fields: [.reason], asksFirst: true, help: "cancel the order (or discard a draft)",
                               inCommandLine: true, note: done, line: line)
        case .pay:
            return ActionEntry(action: action, key: "p", hint: "pay", takers: [.buyer], who: "buyer",
                               fields: [ActionField("Amount", option: "amount", placeholder: "A", .amount(allowZero: false)),
                                        ActionField("Method", option: "method", placeholder: "tt|card|bank", .paymentMethod, required: false),
                                        ActionField("Key", option: "key", placeholder: "K", .paymentKey, required: false, inApp: false)],
                               asksFirst: true, help: "record a payment of at most what is due now; the same key twice records one payment",
                               inCommandLine: true, note: Sentences.notePaid, line: Sentences.linePaid)
        case .startProduction:
            return ActionEntry(action: action, key: "P", hint: "produce", takers: [.supplier], who: "supplier", fields: [],
                               asksFirst: false, help: "start production once the advance is paid", inCommandLine: true,
                               note: done, line: line)
        case .logContact:
            return ActionEntry(action: action, key: "l", hint: "contact", takers: [.supplier], who: "supplier", fields: [.note],
                               asksFirst: false, help: "log the buyer contact, at least 7 days before delivery", inCommandLine: true,
                               note: done, line: line)
        case .tick:
            return ActionEntry(action: action, key: "t", hint: "tick", takers: [.supplier], who: "supplier",
                               fields: [.item, ActionField("Evidence", option: "note", placeholder: "T", .text(maxLength: 2000), required: false)],
                               asksFirst: false, help: "tick a pre-delivery checklist item", inCommandLine: true,
                               note: done, line: Sentences.lineChecklist)
        case .untick:
            return ActionEntry(action: action, key: "T", hint: "untick", takers: [.supplier], who: "supplier", fields: [.item, .note],
                               asksFirst: false, help: "untick a checklist item, saying why", inCommandLine: true,
                               note: done, line: Sentences.lineChecklist)
        case .ready:
            return ActionEntry(action: action, key: "y", hint: "ready", takers: [.supplier], who: "supplier", fields: [],
                               asksFirst: false, help: "checklist complete: ready to ship", inCommandLine: true,
                               note: done, line: line)
        case .ship:
            return ActionEntry(action: action, key: "h", hint: "ship", takers: [.supplier], who: "supplier",
                               fields: [ActionField("Carrier", option: "carrier", placeholder: "C", .text(maxLength: 100)),
                                        ActionField("Tracking", option: "tracking", placeholder: "T", .text(maxLength: 100))],
                               asksFirst: false, help: "ship the goods, with carrier and tracking number", inCommandLine: true,
                               note: done, line: line)
        case .confirmReceipt:
            return ActionEntry(action: action, key: "R", hint: "received", takers: [.buyer], who: "buyer", fields: [],
                               asksFirst: true, help: "confirm the goods arrived; the protection window starts", inCommandLine: true,
                               note: done, line: line)
        case .requestExtension:
            return ActionEntry(action: action, key: "e", hint: "extend", takers: [.supplier], who: "supplier",
                               fields: [ActionField("Days", option: "days", placeholder: "N", .days(1...DeadlineRules.maxExtensionDays)), .reason],
                               asksFirst: false, help: "ask the buyer for more time to ship (at most 90 days in all)", inCommandLine: true,
                               note: done, line: Sentences.lineExtensionRequested)
        case .acceptExtension:
            return ActionEntry(action: action, key: "a", hint: "accept", takers: [.buyer], who: "buyer", fields: [],
                               asksFirst: true, help: "accept the shipping extension asked for", inCommandLine: true,
                               note: done, line: Sentences.lineExtensionAccepted)
        case .declineExtension:
            return ActionEntry(action: action, key: "d", hint: "decline", takers: [.buyer], who: "buyer", fields: [],
                               asksFirst: true, help: "decline the shipping extension asked for", inCommandLine: true,
                               note: done, line: line)
        case .extendReceipt:
            return ActionEntry(action: action, key: "E", hint: "+15d", takers: parties, who: "either party, once each", fields: [],
                               asksFirst: true, help: "extend the receipt window by 15 days", inCommandLine: true,
                               note: done, line: Sentences.lineReceiptExtended)
        case .dispute:
            // With --kind and --remedy the negotiated dispute; without them the older form the
            // platform alone resolves (kept for scripts written before issue 21).
            return ActionEntry(action: action, key: "!", hint: "dispute", takers: [.buyer], who: "buyer",
                               fields: [ActionField("Kind", option: "kind", placeholder: "KIND", .disputeKind, required: false),
                                        ActionField("Remedy", option: "remedy", placeholder: "REMEDY", .remedy(platform: false), required: false),
                                        .partialAmount, .longReason],
                               asksFirst: true, help: "claim after paying: KIND not-shipped, not-received, not-as-agreed or damaged; REMEDY full-refund, partial-refund (with an amount), return-and-refund or replacement; the supplier has 5 days to answer",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .resolve:
            // In the app only on a dispute of the older form (a negotiated one is decided, `D`).
            return ActionEntry(action: action, key: "S", hint: "resolve", takers: [.platform], who: "platform, on a dispute of the older form",
                               fields: [ActionField("Refund", option: "refund", placeholder: "A", .amount(allowZero: true))],
                               asksFirst: true, help: "resolve a dispute of the older form (opened without a kind or remedy); a refund of 0 returns the order to where it was",
                               inCommandLine: true, note: done, line: Sentences.lineResolved)
        case .proposeChange:
            return ActionEntry(action: action, key: "C", hint: "change", takers: parties, who: "either party, as the change table allows",
                               fields: ChangeProposal.fields, asksFirst: false,
                               help: "propose a change to the confirmed contract (before payment the supplier's price and freight; "
                                   + "once paid the delivery address or route); the other party accepts or rejects it",
                               inCommandLine: true, note: done, line: Sentences.lineChangeProposed)
        case .acceptChange:
            return ActionEntry(action: action, key: "O", hint: "accept change", takers: parties, who: "the other party",
                               fields: [ActionField("Proposal", option: "number", placeholder: "N", .proposalNumber, required: false, inApp: false)],
                               asksFirst: true, help: "accept the change proposed (the waiting one unless a number is given); writes a new contract version",
                               inCommandLine: true, note: done, line: Sentences.lineChangeAccepted)
        case .rejectChange:
            return ActionEntry(action: action, key: "X", hint: "reject", takers: parties, who: "the other party",
                               fields: [ActionField("Proposal", option: "number", placeholder: "N", .proposalNumber, required: false, inApp: false), .reason],
                               asksFirst: false, help: "reject the change proposed, saying why; the contract stays as it is",
                               inCommandLine: true, note: done, line: line)
        case .counter:
            return ActionEntry(action: action, key: "o", hint: "counter", takers: [.supplier], who: "supplier, on the buyer's proposal",
                               fields: [.remedy, .partialAmount, .disputeNote], asksFirst: true,
                               help: "reject the buyer's proposal with a counter-proposal; the buyer has 5 days to answer",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .askEvidence:
            return ActionEntry(action: action, key: "M", hint: "ask evidence", takers: [.supplier], who: "supplier, on the buyer's proposal",
                               fields: [ActionField("What is needed", option: "note", placeholder: "T", .text(maxLength: 2000))], asksFirst: false,
                               help: "ask the buyer for evidence; the buyer has 5 days, else the platform decides",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .addEvidence:
            return ActionEntry(action: action, key: "V", hint: "evidence", takers: parties, who: "either party, while the dispute is open",
                               fields: [ActionField("Description", option: "description", placeholder: "T", .text(maxLength: 2000)),
                                        ActionField("Reference", option: "reference", placeholder: "FILE", .text(maxLength: 500), required: false)],
                               asksFirst: false, help: "attach evidence (a description and a file name or reference) to the dispute",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .agree:
            return ActionEntry(action: action, key: "=", hint: "agree", takers: parties, who: "the party whose move it is",
                               fields: [], asksFirst: true, help: "agree to the other party's proposal; a refund is due within 7 working days",
                               inCommandLine: true, note: done, line: Sentences.lineDisputeEnded)
        case .editClaim:
            return ActionEntry(action: action, key: "m", hint: "edit claim", takers: [.buyer], who: "buyer, before escalating",
                               fields: [.remedy, .partialAmount, .disputeNote], asksFirst: false,
                               help: "change the remedy asked for; the supplier has 5 days to answer",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .withdraw:
            return ActionEntry(action: action, key: "w", hint: "withdraw", takers: parties, who: "the party that made the claim",
                               fields: [.reason], asksFirst: true, help: "withdraw the claim; the order goes back to where it was",
                               inCommandLine: true, note: done, line: Sentences.lineDisputeEnded)
        case .escalate:
            return ActionEntry(action: action, key: "^", hint: "escalate", takers: [.buyer], who: "buyer, on its move",
                               fields: [.disputeNote], asksFirst: true,
                               help: "ask the platform to decide (on a buyer's claim once the supplier has answered; on the supplier's balance claim at once)",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .decide:
            // The platform's one key, in its own workspace of the app (its queue of escalated disputes).
            return ActionEntry(action: action, key: "D", hint: "decide", takers: [.platform], who: "platform, on an escalated dispute",
                               fields: [ActionField("Remedy", option: "remedy", placeholder: "REMEDY", .remedy(platform: true)),
                                        .partialAmount, ActionField("Reasoning", option: "reasoning", placeholder: "T", .text(maxLength: 4000),
                                                                                                        allowsNewlines: true)],
                               asksFirst: true, help: "decide an escalated dispute: a remedy (or none, the claim fails) and its reasoning",
                               inCommandLine: true, note: done, line: Sentences.lineDisputeEnded)
        case .recordRefund:
            return ActionEntry(action: action, key: "$", hint: "refunded", takers: [.supplier], who: "supplier, once a dispute's refund is due",
                               fields: [ActionField("Reference", option: "reference", placeholder: "T", .text(maxLength: 200))],
                               asksFirst: true,
                               help: "record the refund an agreed or decided dispute made due (within 7 working days), with the transfer's reference",
                               inCommandLine: true, note: done, line: line)
        case .claimBalance:
            return ActionEntry(action: action, key: "B", hint: "claim balance", takers: [.supplier],
                               who: "supplier, after receipt", fields: [.longReason],
                               asksFirst: true,
                               help: "claim the balance the buyer has not paid after receipt; the buyer has 5 days to agree to pay or escalate, else the platform decides",
                               inCommandLine: true, note: done, line: Sentences.lineDispute)
        case .disputeTimeout:
            return ActionEntry(action: action, key: nil, hint: nil, takers: [.system], who: "the sweep, when the answer is overdue",
                               fields: [], asksFirst: false, help: "applies the dispute's default outcome when its due date passes",
                               inCommandLine: false, note: done, line: line)
        case .autoCancel, .autoComplete, .close:
            // The sweep applies them when their deadline passes (`tradeguard sweep`, the app's poll).
            return ActionEntry(action: action, key: nil, hint: nil, takers: [.system], who: "the sweep, when the deadline passes",
                               fields: [], asksFirst: false, help: "happens by itself when its deadline passes", inCommandLine: false,
                               note: done, line: line)
        }
    }
}
