/// Schema version 3: events carry the complete decision they record, so `check` can replay the
/// log. Events written by older versions do not; this records the id of the first event that
/// does (the next one), so `check` replays the orders whose history begins there and verifies
/// the older ones by hash only. Set once, by the migration (idempotent: a file taken back to an older
/// user_version keeps its start); triggers keep it from moving, and `check` reports a start
/// moved past a full-content draft.
enum SchemaV3 {
    static let sql = """
    CREATE TABLE IF NOT EXISTS replay_start (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        event_id INTEGER NOT NULL CHECK (event_id >= 1),
        recompute_id INTEGER NOT NULL CHECK (recompute_id >= 1)   -- the first limit recompute an event records
    ) STRICT;
    INSERT OR IGNORE INTO replay_start (id, event_id, recompute_id)
        SELECT 1, (SELECT coalesce(max(id), 0) + 1 FROM events), (SELECT coalesce(max(id), 0) + 1 FROM limit_recomputes);
    -- The events that are not one order's (parties, rates) and the closes that recompute a limit:
    -- the global replay pass reads these alone.
    CREATE INDEX IF NOT EXISTS events_global ON events(id) WHERE order_id IS NULL OR action = 'close';
    CREATE TRIGGER IF NOT EXISTS replay_start_fixed_update BEFORE UPDATE ON replay_start
        BEGIN SELECT RAISE(ABORT, 'the replay start is fixed'); END;
    CREATE TRIGGER IF NOT EXISTS replay_start_fixed_delete BEFORE DELETE ON replay_start
        BEGIN SELECT RAISE(ABORT, 'the replay start is fixed'); END;
    """
}
