/// `check` verifies that the schema objects — tables, indexes, triggers, views — are exactly
/// the ones this version creates: a dropped append-only trigger (the first step of rewriting
/// history with the `sqlite3` shell) or one altered to do nothing is named.
///
/// The expected set is what the migrator's own scripts produce on an in-memory database, so
/// it can never drift from the schema. SQL is compared with runs of white space collapsed;
/// SQLite's own objects (`sqlite_%`: autoindexes, sqlite_sequence, sqlite_stat*) are left out
/// (they follow from the tables, or are statistics).
enum SchemaCheck {
    struct Object: Hashable, Comparable {
        let type: String
        let name: String
        static func < (a: Object, b: Object) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    static let query = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"

    /// Built once per process; nil if the reference database could not be made.
    static let expected: [Object: String]? = {
        guard let db = try? Database(path: ":memory:") else { return nil }
        defer { db.close(checkpoint: false) }
        guard (try? Store.migrator.migrate(db)) != nil else { return nil }
        return try? objects(in: db)
    }()

    static func objects(in db: Database) throws -> [Object: String] {
        var found: [Object: String] = [:]
        for (type, name, sql) in try db.query(query, [], row: { ($0.text(0), $0.text(1), $0.optionalText(2)) }) {
            found[Object(type: type, name: name)] = normalise(sql)
        }
        return found
    }

    static func normalise(_ sql: String?) -> String {
        (sql ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// One fault per object missing, different or extra, by type and name.
    static func compare(found: [Object: String], expected: [Object: String]) -> [String] {
        var faults: [String] = []
        for object in Set(expected.keys).union(found.keys).sorted() {
            switch (expected[object], found[object]) {
            case (let want?, let have?) where want != have:
                faults.append("schema: \(object.type) \(object.name) differs from the one this version creates")
            case (_?, nil):
                faults.append("schema: \(object.type) \(object.name) is missing (this version creates it)")
            case (nil, _?):
                faults.append("schema: \(object.type) \(object.name) is not one this version creates")
            default:
                break
            }
        }
        return faults
    }
}

extension Store {
    /// Inside `check`'s snapshot.
    func checkSchemaObjects(_ fault: (String) -> Void) throws {
        guard let expected = SchemaCheck.expected else {
            fault("schema: could not build this version's schema to compare with")
            return
        }
        SchemaCheck.compare(found: try SchemaCheck.objects(in: db), expected: expected).forEach(fault)
    }
}
