import TradeGuardCore

/// For a schema step that changes how deadlines are derived: the stored columns that follow
/// from them (whose move, the next deadline, its kind, the sort key) recomputed, once, for the
/// orders the change can affect. `check` compares these columns with the derivation.
enum DeadlineRecompute {
    /// `selection` is a query whose first column is the id of each order to recompute.
    static func run(_ db: Database, ordersIn selection: String) throws {
        let rows = OrderRows(db: db, parties: PartyDirectory(db: db))
        for id in try db.query(selection, []) { $0.int(0) } {
            guard let order = try rows.load(OrderCode(number: id)) else { continue }
            let next = order.nextDeadline
            _ = try db.run("""
                UPDATE orders SET waiting_on = ?, next_deadline = ?, next_deadline_kind = ?, deadline_sort = ?, timeout_at = ? WHERE id = ?
                """, [Value(order.waitingOnKind?.rawValue), Value(next?.due.secondsSinceEpoch), Value(next?.kind.rawValue),
                      .int(next?.due.secondsSinceEpoch ?? OrderRows.noDeadline), Value(order.timeoutAt?.secondsSinceEpoch), .int(id)])
        }
    }
}
