import TradeGuardApplication
import TradeGuardCore

/// The app's "propose a change" form: its fields are the catalogue's (unit price, freight,
/// address, route, route freight, reason); blank means unchanged. The proposal is built by the
/// same `ChangeProposal` the command line uses.
enum ChangeForm {
    /// What the proposer may change now, from the permission table, above the fields.
    static func context(_ order: Order) -> [String] {
        var lines = ["Blank fields stay as they are. Unit price is LINE:AMOUNT, e.g. 1:12.50."]
        if let pending = order.pendingAmendment {
            lines.append("Your proposal replaces change \(pending.number), still waiting for an answer.")
        }
        if [.advancePaid, .inProduction, .readyToShip].contains(order.state) {
            lines.append("Paid: only the delivery address and the route may change; a new route's freight ≤ 120% of \(order.contract.freight).")
        }
        return lines
    }

    static func command(_ f: FormModel, order: Order) -> OrderCommand? {
        var change = ChangeProposal()
        let priceText = f.fields[0].editor.text
        if !priceText.isEmpty {
            do { change.linePrice = try ChangeProposal.linePrice(priceText, currency: order.currency) } catch {
                f.fields[0].error = error.description
                return nil
            }
        }
        change.freight = f.amount(1, allowEmpty: true)
        if f.hasErrors { return nil }
        let address = f.fields[2].editor.text
        if !address.isEmpty { change.address = f.text(2) }
        change.route = ShippingMethod(rawValue: f.fields[3].value)
        change.routeFreight = f.amount(4, allowEmpty: true)
        guard let reason = f.text(5), !f.hasErrors else { return nil }
        guard change.linePrice != nil || change.freight != nil || change.address != nil || change.route != nil else {
            f.message = ProposalError.nothingGiven.description
            return nil
        }
        do {
            return .proposeChange(try change.contract(from: order.contract), routeFreight: change.routeFreight, reason: reason)
        } catch {
            f.message = error.description
            return nil
        }
    }
}
