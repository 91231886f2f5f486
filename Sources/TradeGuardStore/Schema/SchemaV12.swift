import TradeGuardCore

/// Schema version 12 (issue 21): a completed order whose balance, due after shipment, is still
/// unpaid is no longer closed by the sweep when its protection window ends — closing it left a
/// buyer who agreed to the supplier's balance claim no way to pay. Such orders keep no timeout
/// until the balance is paid (`Order.timeoutAt`). Files written before this stored the window's
/// end as their `timeout_at`; `check` compares the column with the derivation, and the sweep
/// would find them due and skip them, so they are recomputed once. Nothing else changes: a close
/// an older release applied stays in its log and replays.
enum SchemaV12 {
    /// Safe to run again (upgrade tests wind `user_version` back): it selects only rows whose
    /// timeout the new rule clears, through the partial index on `timeout_at`.
    static let step: Migrator.Step = { db in
        try DeadlineRecompute.run(db, ordersIn: """
            SELECT id FROM orders WHERE timeout_at IS NOT NULL AND state = 'completed'
            AND balance_due = 'afterShipment' AND paid_balance < total - advance
            """)
    }
}
