/// Why the workflow refused a command: a typed case for code, one sentence for people.
public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The action does not exist in this state.
    case wrongState(OrderAction, OrderState)
    /// The actor is not a party to this order.
    case notAParty(OrderCode)
    /// The actor is a party, but not the one the table names.
    case notPermitted(OrderAction, required: Role, order: OrderCode, requiredParty: PartyKind?)
    /// The drafter tried to confirm its own contract.
    case ownDraft(drafter: PartyKind)
    /// Timeouts are the system's; people cannot trigger them.
    case systemOnly(OrderAction)
    case contractIncomplete([ContractProblem])
    case supplierNotActive
    case supplierSuspended
    case missingRate(currency: String)
    case moneyReceived
    case nothingDue
    case overpayment(maximum: Money, term: PaymentTerm)
    case paymentCurrency(expected: String, got: String)
    case idempotencyConflict(key: String, original: Money)
    case alreadyTicked(ChecklistItem)
    case notTicked(ChecklistItem)
    case checklistComplete
    case nothingTicked
    case contactNotInTime(lastDay: CalendarDate?)
    case advanceNotReceived
    case shipDeadlinePassed(lastDay: CalendarDate)
    case shipDateUnknown
    case checklistIncomplete([ChecklistItem])
    case balanceOutstanding(Money)
    case extensionPending
    case noExtensionPending
    case extensionCap(remaining: Int)
    case extensionDays(Int)
    case receiptAlreadyExtended
    case protectionWindowOver(days: Int)
    case nothingPaid
    case disputeAmount(maximum: Money)
    case refundAmount(maximum: Money)
    case deadlineNotPassed(DeadlineKind?)
    case text(TextError)
    case money(MoneyError)
    case rate(RateError)
    /// The permission table forbids proposing a change of this term now.
    case changeNotAllowed(AmendableTerm, reason: String)
    case changeNothing
    case changeContract([ContractProblem])
    case routeFreightMissing(maximum: Money)
    case routeFreightCap(maximum: Money)
    case routeFreightNotApplicable
    case noSuchAmendment(Int)
    case noAmendmentPending
    case ownAmendment
    case amendmentSuperseded(Int, by: Int?)
    case amendmentAnswered(Int, AmendmentStatus)
    // Disputes (issue 21).
    /// A not-shipped claim before the day after the shipping deadline.
    case claimTooEarly(DisputeKind, from: CalendarDate)
    /// The kind does not fit where the order stands.
    case claimNotAdmissible(DisputeKind, OrderState)
    case noGoodsToReturn(DisputeKind)
    case remedyAmountMissing
    case remedyAmountImplied(RemedyKind, paid: Money)
    case remedyTooLarge(maximum: Money)
    /// Only the platform decides that a claim fails.
    case remedyPlatformOnly
    case answerOverdue(due: Instant, outcome: DefaultOutcome)
    case notYourMove(answering: PartyKind, stage: DisputeStage)
    case nothingToAgree
    /// A dispute from before negotiation: only `resolve` ends it.
    case olderDispute
    /// The app's rule, not the workflow's: a negotiated dispute is decided (`decide`, with a
    /// remedy and reasoning), not resolved. `resolve` still takes one from the command line, as
    /// it did when logs that `check` replays were written.
    case negotiatedDispute
    case notEscalated
    case escalateNotYet(due: Instant?)
    case disputeClosed(DisputeOutcome.How)
    /// No refund is waiting to be recorded (none was agreed or decided, or it is recorded).
    case noRefundDue
    case refundRecorded(at: Instant, reference: String)
    // The supplier's claim for a balance unpaid after receipt.
    /// A kind only the other party claims (the buyer opening a balance claim).
    case claimantOnly(DisputeKind)
    /// A balance claim on an order that owes no balance after receipt.
    case noBalanceOwed(code: OrderCode)
    /// A buyer's-claim move (counter, ask for evidence, edit) on the supplier's balance claim.
    case balanceClaimMove(OrderAction)
    /// Only the party that made the claim withdraws it.
    case notClaimant(PartyKind)
    /// A remedy that does not fit the claim's kind.
    case remedyNotForKind(RemedyKind, DisputeKind)
    /// A payment while the supplier's balance claim is open.
    case balanceClaimOpen

    public var description: String {
        switch self {
        case let .wrongState(action, state) where [.proposeChange, .acceptChange, .rejectChange].contains(action):
            // The change table's own sentence for the state ("Nothing changes once …").
            if case let .mayNot(reason) = ChangeRules.permission(.deliveryAddress, state: state, party: .buyer, guaranteedDate: false) {
                return reason
            }
            return "\(action.title) is not possible while the order is \(state.title.lowercased())."
        case let .wrongState(action, state):
            return "\(action.title) is not possible while the order is \(state.title.lowercased())."
        case let .notAParty(code):
            return "You are not a party to order \(code)."
        case let .notPermitted(action, role, _, party):
            let who = party.map { "the \($0.rawValue)" } ?? (role == .eitherParty ? "the buyer or the supplier" : "the \(role.rawValue)")
            return "Only \(who) can \(action.title.prefix(1).lowercased() + action.title.dropFirst()) here."
        case let .ownDraft(drafter):
            let other = drafter == .supplier ? "buyer" : "supplier"
            return "Only the \(other) can confirm a contract the \(drafter.rawValue) drafted."
        case let .systemOnly(action):
            return "\(action.title) happens by itself when its deadline passes."
        case let .contractIncomplete(problems):
            return "The contract is not ready: " + problems.map(\.description).joined(separator: " ")
        case .supplierNotActive:
            return "The supplier has not activated credit protection; activate it before drafting protected orders."
        case .supplierSuspended:
            return "The supplier's credit protection is suspended (48 or more violation points)."
        case let .missingRate(code):
            return "No exchange rate for \(code) is set; the platform must set one before this order can be confirmed."
        case .moneyReceived:
            return "Money has been received on this order; it cannot be cancelled, only disputed."
        case .nothingDue:
            return "Nothing is due on this order now."
        case let .overpayment(maximum, term):
            return "That is more than is due now: at most \(maximum) of the \(term.rawValue)."
        case let .paymentCurrency(expected, got):
            return "This order is paid in \(expected), not \(got)."
        case let .idempotencyConflict(key, original):
            return "Payment key \(key) was already used for \(original); a different amount needs a new key."
        case let .alreadyTicked(item): return "'\(item.rawValue)' is already ticked."
        case let .notTicked(item): return "'\(item.rawValue)' is not ticked."
        case .checklistComplete: return "Every checklist item is ticked."
        case .nothingTicked: return "Nothing on the checklist is ticked yet."
        case let .contactNotInTime(lastDay):
            if let lastDay { return "No buyer contact was logged by \(lastDay.iso), 7 days before the expected delivery." }
            return "The expected delivery is not known yet, so the contact rule cannot be checked."
        case .advanceNotReceived: return "The advance has not been received in full."
        case let .shipDeadlinePassed(lastDay):
            return "The ship deadline \(lastDay.iso) has passed; request an extension from the buyer."
        case .shipDateUnknown: return "The ship deadline is not fixed yet."
        case let .checklistIncomplete(items):
            return "Checklist incomplete: " + items.map(\.rawValue).joined(separator: ", ")
        case let .balanceOutstanding(amount):
            return "The balance of \(amount) is due before shipment and has not been paid."
        case .extensionPending: return "An extension request is already waiting for the buyer."
        case .noExtensionPending: return "There is no extension request to answer."
        case let .extensionCap(remaining):
            return "Shipping extensions are capped at 90 days in total; \(remaining) days remain."
        case let .extensionDays(days): return "An extension is 1 to 90 days (got \(days))."
        case .receiptAlreadyExtended: return "You have already extended the receipt window once."
        case let .protectionWindowOver(days): return "The \(days)-day protection window after receipt is over."
        case .nothingPaid: return "Nothing has been paid on this order, so there is nothing to dispute."
        case let .disputeAmount(maximum): return "The disputed amount must be more than zero and at most what was paid, \(maximum)."
        case let .refundAmount(maximum): return "The refund must be at most what was paid, \(maximum)."
        case let .deadlineNotPassed(kind):
            return "Its deadline has not passed" + (kind.map { " (\($0.rawValue))" } ?? "") + "."
        case let .text(error): return error.description
        case let .money(error): return error.description
        case let .rate(error): return error.description
        case let .changeNotAllowed(_, reason): return reason
        case .changeNothing: return "The proposal changes nothing in the contract as it stands."
        case let .changeContract(problems):
            return "The changed contract would not be valid: " + problems.map(\.description).joined(separator: " ")
        case let .routeFreightMissing(maximum):
            return "A route change after payment needs the new route's shipping fee, at most \(maximum) (120% of the old)."
        case let .routeFreightCap(maximum):
            return "The new route's freight may be at most 120% of the old, \(maximum); no top-up follows a route change."
        case .routeFreightNotApplicable:
            return "A route freight applies only to a change of route after payment; before payment the supplier changes the freight itself."
        case let .noSuchAmendment(number): return "This order has no change proposal number \(number)."
        case .noAmendmentPending: return "No change proposal is waiting for an answer on this order."
        case .ownAmendment: return "You proposed this change; only the other party can accept or reject it."
        case let .amendmentSuperseded(number, later?):
            return "Change proposal \(number) was superseded by proposal \(later); answer that one instead."
        case let .amendmentSuperseded(number, nil):
            return "Change proposal \(number) was superseded: the order moved on before it was answered."
        case let .amendmentAnswered(number, status):
            return "Change proposal \(number) was already \(status.rawValue)."
        case let .claimTooEarly(kind, from):
            return "A claim that the goods were \(kind == .notShipped ? "not shipped" : "not sent") can be opened from \(from.iso), the day after the shipping deadline."
        case let .claimNotAdmissible(kind, state):
            let when: String
            switch kind {
            case .notShipped: when = "is for a paid order not shipped by its deadline"
            case .notReceived: when = "is for shipped goods whose receipt is not confirmed"
            case .notAsAgreed, .damaged: when = "can be opened once the goods are shipped, until the protection window ends"
            case .balanceUnpaid: when = "is for a completed order whose balance is unpaid"
            }
            return "A '\(kind.rawValue)' claim \(when); this order is \(state.title.lowercased())."
        case let .claimantOnly(kind):
            return "Only the \(kind.claimant.rawValue) makes a '\(kind.rawValue)' claim"
                + (kind == .balanceUnpaid ? " (claim-balance); the buyer answers it." : "; the \(kind.respondent.rawValue) answers it.")
        case let .noBalanceOwed(code):
            return "Order \(code) owes no balance: a balance claim is for a balance due after shipment and still unpaid once receipt is confirmed."
        case .balanceClaimMove(.resolve):
            return "The platform decides the supplier's balance claim once it is escalated (decide: pay-balance or none); resolve refunds a buyer's claim."
        case let .balanceClaimMove(action):
            return "\(action.title) is for the buyer's claims; the supplier's balance claim is answered by the buyer agreeing to pay or escalating it to the platform."
        case let .notClaimant(claimant):
            return "Only the \(claimant.rawValue), who made the claim, can withdraw it."
        case let .remedyNotForKind(remedy, kind):
            return kind == .balanceUnpaid
                ? "A 'balance-unpaid' claim is decided as pay-balance or none, not \(remedy.rawValue)."
                : "'\(remedy.rawValue)' is the remedy of the supplier's balance claim only; a '\(kind.rawValue)' claim asks for a refund, a return or a replacement."
        case .balanceClaimOpen:
            return "The supplier's claim for the balance is open: agree to it (then pay the balance), or escalate it to the platform."
        case let .noGoodsToReturn(kind):
            return "There are no goods to return on a '\(kind.rawValue)' claim; ask for a full or partial refund instead."
        case .remedyAmountMissing:
            return "A partial refund needs an amount greater than zero (--amount A)."
        case let .remedyAmountImplied(kind, paid):
            return kind == .fullRefund || kind == .returnAndRefund
                ? "A \(kind.title.lowercased()) refunds all that was paid, \(paid); give an amount only for a partial refund."
                : "A \(kind.title.lowercased()) refunds no money; give an amount only for a partial refund."
        case let .remedyTooLarge(maximum):
            return "The refund must be at most what was paid, \(maximum)."
        case .remedyPlatformOnly:
            return "Only the platform can decide that a claim gets no remedy; the buyer may withdraw it instead."
        case let .answerOverdue(due, outcome):
            let then = outcome == .escalate ? "the platform decides it now" : "the claim closes with no refund"
            return "The answer was due by \(due.iso8601); it is too late to answer, \(then)."
        case let .notYourMove(answering, stage):
            return answering == .platform ? "The dispute is with the platform; it decides now."
                : "It is the \(answering.rawValue)'s move (\(stage.title.lowercased()))."
        case .nothingToAgree:
            return "There is no proposal from the other party to agree to."
        case .negotiatedDispute:
            return "This dispute is negotiated: the platform decides it once escalated (decide), with a remedy and its reasoning."
        case .olderDispute:
            return "This dispute was opened without a kind and remedy; only the platform resolves it (resolve --refund A)."
        case .notEscalated:
            return "The platform decides only escalated disputes; the parties are still negotiating."
        case let .escalateNotYet(due):
            return "You can escalate once the supplier has answered" + (due.map { "; if it has not answered by \($0.iso8601), the platform decides anyway." } ?? ".")
        case let .disputeClosed(how):
            return "The dispute is closed (\(how.rawValue)); nothing more can be added to it."
        case .noRefundDue:
            return "No refund is due on this order: only a refund agreed or decided in a dispute is recorded here."
        case let .refundRecorded(at, reference):
            return "The refund was already recorded on \(at.iso8601) (reference \(reference))."
        }
    }
}
