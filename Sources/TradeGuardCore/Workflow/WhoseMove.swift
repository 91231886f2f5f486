/// Whose move an order waits on. The state names one party (`OrderState.waitingOn`); a balance
/// due before shipment and not paid also holds the goods, so the buyer has a move then too
/// (issue 19: the buyer was told nothing waited on them while their balance blocked shipment).
extension Order {
    /// The balance is due before shipment and unpaid while the order is being made ready: the
    /// supplier cannot mark it ready or ship it until the buyer pays.
    public var balanceBlocksShipment: Bool {
        switch state {
        case .advancePaid, .inProduction, .readyToShip: return !balanceSettledForShipping
        default: return false
        }
    }

    /// The balance was due after shipment, the goods are received, and it is still unpaid. Found
    /// while modelling issue 21's non-payment: nothing showed it, and the order closed unpaid.
    public var balanceOwedAfterReceipt: Bool {
        state == .completed && contract.balanceDue == .afterShipment && outstanding(.balance).isPositive
    }

    /// The platform decided the supplier's balance claim against it (`none`: the buyer was right
    /// not to pay). The balance stays on the order's figures, but it no longer holds the order
    /// open past its protection window (found by the seeder's claims: such orders never closed).
    public var balanceClaimRejected: Bool {
        guard let outcome = disputeOutcome else { return false }
        return outcome.kind == .balanceUnpaid && outcome.how == .decided && outcome.remedy?.kind == .noRemedy
    }

    /// The buyer has a balance to pay that the order waits for: before shipment, or after receipt.
    public var buyerOwesBalance: Bool { balanceBlocksShipment || balanceOwedAfterReceipt }

    /// Whether the party of `kind` has a move on this order now.
    public func awaits(_ kind: PartyKind) -> Bool {
        waitingOnKind == kind || (kind == .buyer && buyerOwesBalance)
    }
}
