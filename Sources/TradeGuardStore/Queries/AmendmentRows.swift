import TradeGuardCore

/// The `amendments` rows of an order: read whole with the order, written as the order's
/// amendments change (a new proposal, an answer, a proposal superseded).
struct AmendmentRows {
    let db: Database

    static let columns = ["number", "proposed_by", "proposed_at", "contract", "route_freight", "reason", "status", "answered_at", "answer_reason"]

    func load(_ code: OrderCode, currency: Currency) throws -> [Amendment] {
        try db.query("SELECT \(Self.columns.joined(separator: ", ")) FROM amendments WHERE order_id = ? ORDER BY number",
                     [.int(code.number)]) { r in
            guard let contract = ContractEncoding.decode(r.text(3)) else {
                throw StoreError.corruptRow("amendment \(r.int(0)) of \(code): its contract cannot be read")
            }
            return Amendment(number: Int(r.int(0)), proposedBy: try decode(PartyKind.self, r.text(1)),
                             proposedAt: Instant(secondsSinceEpoch: r.int(2)), contract: contract,
                             routeFreight: r.optionalInt(4).map { Money(minorUnits: $0, currency: currency) }, reason: r.text(5),
                             status: try decode(AmendmentStatus.self, r.text(6)),
                             answeredAt: r.optionalInt(7).map { Instant(secondsSinceEpoch: $0) }, answerReason: r.optionalText(8))
        }
    }

    /// The row values of `a`, in `columns` order (replay implies the same).
    static func values(_ a: Amendment) -> [Value] {
        [.int(Int64(a.number)), .text(a.proposedBy.rawValue), .int(a.proposedAt.secondsSinceEpoch), .text(ContractEncoding.encode(a.contract)),
         Value(a.routeFreight?.minorUnits), .text(a.reason), .text(a.status.rawValue), Value(a.answeredAt?.secondsSinceEpoch),
         Value(a.answerReason)]
    }

    func write(from before: Order, to after: Order) throws {
        let id = Value.int(after.code.number)
        // Answers first: the one-pending index must never see two requested rows.
        for (old, new) in zip(before.amendments, after.amendments) where old != new {
            try db.run("UPDATE amendments SET status = ?, answered_at = ?, answer_reason = ? WHERE order_id = ? AND number = ?",
                       [.text(new.status.rawValue), Value(new.answeredAt?.secondsSinceEpoch), Value(new.answerReason), id, .int(Int64(new.number))])
        }
        for new in after.amendments.dropFirst(before.amendments.count) {
            try db.run("INSERT INTO amendments (order_id, \(Self.columns.joined(separator: ", "))) VALUES (?, \(Array(repeating: "?", count: Self.columns.count).joined(separator: ", ")))",
                       [id] + Self.values(new))
        }
    }
}
