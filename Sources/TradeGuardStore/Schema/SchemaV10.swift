/// Schema version 10 (issue 21), two changes of indexes only (safe to run again: upgrade tests
/// wind `user_version` back):
/// - A price change accepted before payment re-fixes the order's coverage and moves its
///   reservation by the difference (a reserve or a release row), so an order may now have
///   several reserve and release rows: the unique index that allowed one of each goes, and the
///   rule becomes "an order's rows net to what it holds" (`check`). The new index lists an
///   order's rows with their amounts, for that check's merge with the orders table.
/// - The Overview's count of orders whose unpaid balance the buyer owes (blocking shipment, or
///   after receipt) read up to a thousand order rows before the first frame; a partial index per
///   side makes it a count of index entries (it holds the columns of its own WHERE, which SQLite
///   evaluates again: without them each entry would still read its row).
enum SchemaV10 {
    /// `Order.buyerOwesBalance` in SQL, the exact WHERE of the partial indexes: the queries
    /// repeat it word for word for SQLite to use them.
    static let buyerOwesBalance = "(state IN ('advancePaid', 'inProduction', 'readyToShip') AND balance_due = 'beforeShipment' "
        + "OR state = 'completed' AND balance_due = 'afterShipment') AND paid_balance < max(0, total - advance)"

    static let sql = """
    DROP INDEX IF EXISTS limit_ledger_once;
    CREATE INDEX IF NOT EXISTS limit_ledger_by_order ON limit_ledger(order_id, kind, amount_usd) WHERE order_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS orders_supplier_balance_owed ON orders(supplier_id, state, balance_due, paid_balance, total, advance) WHERE \(buyerOwesBalance);
    CREATE INDEX IF NOT EXISTS orders_buyer_balance_owed ON orders(buyer_id, state, balance_due, paid_balance, total, advance) WHERE \(buyerOwesBalance);
    """
}
