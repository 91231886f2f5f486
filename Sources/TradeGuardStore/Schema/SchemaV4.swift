import TradeGuardCore

/// Schema version 4 changes no object: it brings the derived deadline columns of existing
/// orders up to the derivation of issue 19, where a buyer contact logged late meets its
/// deadline (late) instead of keeping it overdue. Before, such an order stored the contact as
/// its next deadline; `check` compares the stored columns with the derivation, so they are
/// recomputed here once, for the orders that can differ: those in production stages with a
/// contact logged.
enum SchemaV4 {
    static let step: Migrator.Step = { db in
        try DeadlineRecompute.run(db, ordersIn: """
            SELECT id FROM orders WHERE state IN ('advancePaid', 'inProduction', 'readyToShip')
            AND EXISTS (SELECT 1 FROM contacts c WHERE c.order_id = orders.id)
            """)
    }
}
