/// Schema version 2, for the Limits dashboard at a million orders:
/// - an index of the orders that hold part of a supplier's limit, so the newest reservations
///   are a few page reads however long the history is;
/// - the closed-orders index now covers what is read from it (lead times, and the trailing
///   closed value a limit recompute sums), so neither reads a table row per closed order.
/// (Version 1 answered it by walking the supplier's reserve rows newest first until eight were
/// still held: fine while most recent ones are, a full walk for a supplier with few held —
/// 98 s at 100,000 orders before the release lookup used its index, 0.12 s after.)
enum SchemaV2 {
    /// The exact WHERE of the partial index: queries must repeat it word for word for SQLite
    /// to use the index.
    static let holdsReservation = "covered_usd > 0 AND state NOT IN ('draft', 'awaitingConfirmation', 'cancelled', 'closed', 'refunded')"

    static let sql = """
    CREATE INDEX orders_holding ON orders(supplier_id, id) WHERE \(holdsReservation);
    DROP INDEX orders_closed;
    CREATE INDEX orders_closed ON orders(supplier_id, ended_at, total_usd, kind, received_at, confirmed_at) WHERE state = 'closed';
    """
}
