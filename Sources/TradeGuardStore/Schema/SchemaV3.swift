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
        event_id INTEGER NOT NULL CHECK (event_id >= 1)
    ) STRICT;
    INSERT OR IGNORE INTO replay_start (id, event_id) SELECT 1, coalesce(max(id), 0) + 1 FROM events;
    CREATE TRIGGER IF NOT EXISTS replay_start_fixed_update BEFORE UPDATE ON replay_start
        BEGIN SELECT RAISE(ABORT, 'the replay start is fixed'); END;
    CREATE TRIGGER IF NOT EXISTS replay_start_fixed_delete BEFORE DELETE ON replay_start
        BEGIN SELECT RAISE(ABORT, 'the replay start is fixed'); END;
    """
}
