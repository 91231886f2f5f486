/// What a transition does besides changing state.
public enum Effect: String, Sendable, CaseIterable {
    /// Reserve `covered = min(total in USD, available)` of the supplier's limit.
    case reserveLimit
    /// Release the order's reservation (exactly once).
    case releaseLimit
    /// Issue the payment link the buyer pays through.
    case issuePaymentLink
    /// Recompute the supplier's limit (a closed order counts toward growth).
    case recomputeLimit
    /// Start the confirmation, payment, shipping, receipt or protection clock.
    case startDeadline
    /// Stop the order's clocks (it is frozen or finished).
    case stopDeadlines
}

/// Where a transition leads.
public enum Target: Hashable, Sendable {
    case state(OrderState)
    /// Stays where it is (edits, ticks, contacts, extensions, partial payments).
    case unchanged
    /// Advance fully paid → `advancePaid`; otherwise unchanged.
    case advancePaidWhenComplete
    /// A refund → `refunded`; no refund → back to the state the dispute came from.
    case refundedOrBack
    /// A dispute's default outcome: escalated (stays disputed) or lapsed (back where it was).
    case disputeDefault
    /// Back to the state the dispute came from (the buyer withdrew).
    case backFromDispute
}

/// One row of the transition table: in these states, this role may take this action.
public struct Transition: Sendable {
    public let action: OrderAction
    public let from: Set<OrderState>
    public let by: Role
    public let to: Target
    public let effects: [Effect]
    /// The guards, in words, for the help screen and the docs.
    public let guards: String
}

/// The one table every decision starts from. Guards themselves live in `Workflow`; this table
/// says who may do what from where, and it is what tests enumerate.
public enum TransitionTable {
    static let paidStates: Set<OrderState> = [.advancePaid, .inProduction, .readyToShip]

    public static let rows: [Transition] = [
        .init(action: .edit, from: [.draft], by: .initiator, to: .unchanged, effects: [],
              guards: "contract amounts in one currency; text without control characters"),
        .init(action: .submit, from: [.draft], by: .initiator, to: .state(.awaitingConfirmation), effects: [.startDeadline],
              guards: "contract complete; supplier's service active and not suspended"),
        .init(action: .confirm, from: [.awaitingConfirmation], by: .counterparty, to: .state(.awaitingPayment),
              effects: [.reserveLimit, .issuePaymentLink, .startDeadline],
              guards: "never the drafter; contract still valid today; exchange rate known"),
        .init(action: .requestChanges, from: [.awaitingConfirmation], by: .counterparty, to: .state(.draft), effects: [.stopDeadlines],
              guards: "a reason"),
        .init(action: .cancel, from: [.draft], by: .initiator, to: .state(.cancelled), effects: [.stopDeadlines],
              guards: "a reason"),
        .init(action: .cancel, from: [.awaitingConfirmation, .awaitingPayment], by: .eitherParty, to: .state(.cancelled),
              effects: [.releaseLimit, .stopDeadlines], guards: "a reason; no money received"),
        .init(action: .pay, from: [.awaitingPayment], by: .buyer, to: .advancePaidWhenComplete, effects: [.startDeadline],
              guards: "amount at most the advance still due; idempotency key"),
        .init(action: .pay, from: paidStates.union([.shipped, .completed]), by: .buyer, to: .unchanged, effects: [],
              guards: "amount at most the balance still due; after shipment only if the terms say so"),
        .init(action: .startProduction, from: [.advancePaid], by: .supplier, to: .state(.inProduction), effects: [],
              guards: "advance received"),
        .init(action: .logContact, from: paidStates, by: .supplier, to: .unchanged, effects: [],
              guards: "a note"),
        .init(action: .tick, from: [.inProduction], by: .supplier, to: .unchanged, effects: [],
              guards: "item not ticked; contact logged at least 7 days before delivery; ship date within deadline"),
        .init(action: .untick, from: [.inProduction], by: .supplier, to: .unchanged, effects: [],
              guards: "item ticked; a note"),
        .init(action: .ready, from: [.inProduction], by: .supplier, to: .state(.readyToShip), effects: [],
              guards: "checklist complete; balance paid unless due after shipment"),
        .init(action: .ship, from: [.readyToShip], by: .supplier, to: .state(.shipped), effects: [.startDeadline],
              guards: "carrier and tracking; within the ship deadline; balance paid unless due after shipment"),
        .init(action: .confirmReceipt, from: [.shipped], by: .buyer, to: .state(.completed), effects: [.startDeadline],
              guards: "none"),
        .init(action: .requestExtension, from: paidStates, by: .supplier, to: .unchanged, effects: [],
              guards: "no request pending; extensions total at most 90 days; a reason"),
        .init(action: .acceptExtension, from: paidStates, by: .buyer, to: .unchanged, effects: [.startDeadline],
              guards: "a request pending"),
        .init(action: .declineExtension, from: paidStates, by: .buyer, to: .unchanged, effects: [],
              guards: "a request pending"),
        .init(action: .extendReceipt, from: [.shipped], by: .eitherParty, to: .unchanged, effects: [.startDeadline],
              guards: "once per party, 15 days"),
        .init(action: .dispute, from: paidStates.union([.shipped, .completed]), by: .buyer, to: .state(.disputed),
              effects: [.stopDeadlines], guards: "money paid; a reason; amount at most what was paid; inside the protection window"),
        .init(action: .resolve, from: [.disputed], by: .platform, to: .refundedOrBack, effects: [.releaseLimit],
              guards: "refund at most what was paid; release only when refunded"),
        .init(action: .autoCancel, from: [.awaitingConfirmation, .awaitingPayment], by: .system, to: .state(.cancelled),
              effects: [.releaseLimit, .stopDeadlines], guards: "deadline passed; no money received"),
        .init(action: .autoComplete, from: [.shipped], by: .system, to: .state(.completed), effects: [.startDeadline],
              guards: "receipt window over"),
        .init(action: .close, from: [.completed], by: .system, to: .state(.closed),
              effects: [.releaseLimit, .recomputeLimit, .stopDeadlines], guards: "protection window over"),
        // Changes after confirmation: the permission table (ChangeRules) decides term by term;
        // in every other state its sentence says why nothing changes (Refusal.wrongState).
        .init(action: .proposeChange, from: amendable, by: .eitherParty, to: .unchanged, effects: [],
              guards: "the permission table allows every changed term to this party now; a reason; supersedes a pending proposal"),
        .init(action: .acceptChange, from: amendable, by: .eitherParty, to: .unchanged, effects: [.startDeadline],
              guards: "the other party's pending proposal; still allowed by the permission table; writes a new contract version"),
        .init(action: .rejectChange, from: amendable, by: .eitherParty, to: .unchanged, effects: [],
              guards: "the other party's pending proposal; a reason"),
        // The negotiation of a dispute opened with a kind and a remedy (Workflow+Disputes).
        .init(action: .counter, from: [.disputed], by: .supplier, to: .unchanged, effects: [.startDeadline],
              guards: "the buyer's proposal on the table; before its due date; refund at most what was paid"),
        .init(action: .askEvidence, from: [.disputed], by: .supplier, to: .unchanged, effects: [.startDeadline],
              guards: "the buyer's proposal on the table; before its due date; what is needed"),
        .init(action: .addEvidence, from: [.disputed], by: .eitherParty, to: .unchanged, effects: [],
              guards: "a negotiated dispute still open; a description"),
        .init(action: .agree, from: [.disputed], by: .eitherParty, to: .refundedOrBack, effects: [.releaseLimit, .stopDeadlines],
              guards: "the other party's proposal on the table; your move; before its due date"),
        .init(action: .editClaim, from: [.disputed], by: .buyer, to: .unchanged, effects: [.startDeadline],
              guards: "not escalated; before the due date; refund at most what was paid"),
        .init(action: .withdraw, from: [.disputed], by: .eitherParty, to: .backFromDispute, effects: [.stopDeadlines],
              guards: "a negotiated dispute; the party that made the claim; a reason"),
        .init(action: .escalate, from: [.disputed], by: .buyer, to: .unchanged, effects: [.stopDeadlines],
              guards: "the supplier has answered; before the due date"),
        .init(action: .decide, from: [.disputed], by: .platform, to: .refundedOrBack, effects: [.releaseLimit, .stopDeadlines],
              guards: "escalated; refund at most what was paid; reasoning"),
        .init(action: .disputeTimeout, from: [.disputed], by: .system, to: .disputeDefault, effects: [],
              guards: "the answer's due date passed"),
        .init(action: .recordRefund, from: [.refunded], by: .supplier, to: .unchanged, effects: [.stopDeadlines],
              guards: "a refund agreed or decided and not yet recorded; the transfer's reference"),
        // The supplier's claim against the buyer (rule 3310, "buyer non-payment after receipt").
        .init(action: .claimBalance, from: [.completed], by: .supplier, to: .state(.disputed), effects: [.stopDeadlines],
              guards: "receipt confirmed; the balance, due after shipment, unpaid; a reason; the buyer has 5 days to answer"),
    ]

    /// Where a confirmed contract may still be changed; leaving them supersedes a waiting proposal.
    public static let amendable: Set<OrderState> = paidStates.union([.awaitingPayment])

    /// The row for `action` taken from `state`, if the table has one.
    public static func row(for action: OrderAction, from state: OrderState) -> Transition? {
        rowIndex[Key(action: action, state: state)].map { rows[$0] }
    }

    /// Every (action, state) pair the table allows, to its row. Asked for every command on
    /// every frame (the hint bar) and for every seeded decision: scanning the rows copied each
    /// one and hashed its set of states.
    private struct Key: Hashable {
        let action: OrderAction
        let state: OrderState
    }

    private static let rowIndex: [Key: Int] = {
        var index: [Key: Int] = [:]
        for (i, row) in rows.enumerated() {
            // The first row wins, as `first(where:)` did.
            for state in row.from where index[Key(action: row.action, state: state)] == nil {
                index[Key(action: row.action, state: state)] = i
            }
        }
        return index
    }()

    /// States from which `action` is possible at all.
    public static func states(for action: OrderAction) -> Set<OrderState> {
        rows.filter { $0.action == action }.reduce(into: Set()) { $0.formUnion($1.from) }
    }
}
