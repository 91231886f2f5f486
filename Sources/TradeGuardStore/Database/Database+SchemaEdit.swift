import CSQLite

extension Database {
    /// Adds `column` to `table` unless it is there already; true when it was added. Schema steps
    /// use it so they can run again (upgrade tests wind `user_version` back).
    @discardableResult
    func addColumnIfMissing(_ table: String, _ column: String, _ definition: String) throws -> Bool {
        let present = try query("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", [.text(table), .text(column)]) { $0.int(0) }
        guard present.isEmpty else { return false }
        try execute("ALTER TABLE \(table) ADD COLUMN \(column) \(definition)")
        return true
    }

    /// Runs `body` with `sqlite_schema` writable, inside the caller's write transaction, then
    /// bumps `schema_version` so every connection reads the definitions again. For schema steps
    /// whose change leaves every stored row valid (a CHECK list that grows); anything else
    /// rebuilds its table instead. Defensive mode, which forbids this, is back on when it returns.
    func editingTableDefinitions(_ body: () throws -> Void) throws {
        let db = try connection.require()
        guard sqlite3_get_autocommit(db) == 0 else {
            throw SQLiteError.misuse("editing table definitions needs the migration's write transaction")
        }
        var state: Int32 = 0
        var rc = csqlite_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 0, &state)
        guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: db) }
        let edited = Result {
            try execute("PRAGMA writable_schema = ON")
            let version = try scalarInt("PRAGMA schema_version") ?? 0
            try body()
            try execute("PRAGMA schema_version = \(version + 1)")
        }
        _ = try? execute("PRAGMA writable_schema = OFF")
        rc = csqlite_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &state)
        guard rc == SQLITE_OK, state == 1 else { throw SQLiteError(rc: rc == SQLITE_OK ? SQLITE_ERROR : rc, db: db) }
        try edited.get()
    }
}
