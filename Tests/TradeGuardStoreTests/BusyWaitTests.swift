import Foundation
import Testing
@testable import TradeGuardStore

/// How a connection waits for a lock another holds (BusyWait), and what closing does while
/// others are busy. How long a waiter sleeps is a figure for `bench --hosted`, not a test.
struct BusyWaitTests {
    /// Another connection, on its own thread (connections are single-threaded), takes the write
    /// lock and writes 1, holds it 60 ms and commits; `setup` then writes 2, which succeeds only
    /// if it waits: both rows, in that order.
    func expectWriterWaits(_ dir: String, _ setup: Database) throws {
        let held = DispatchSemaphore(value: 0)
        let holder = Thread {
            guard let other = try? openConfigured(dir) else { held.signal(); return }
            try? other.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
            held.signal()
            usleep(60_000)
            try? other.execute("COMMIT")
            other.close(checkpoint: false)
        }
        holder.start()
        held.wait()
        try setup.write { try setup.run("INSERT INTO t VALUES (2)") }
        #expect(try setup.query("SELECT x FROM t ORDER BY rowid") { $0.int(0) } == [1, 2])
    }

    @Test func aWriterWaitsForTheLockAndWritesOnceItIsReleased() throws {
        try withTemporaryDirectory { dir in
            let setup = try openConfigured(dir)
            try setup.execute("CREATE TABLE t(x INTEGER)")
            try expectWriterWaits(dir, setup)
        }
    }

    /// Found by a flaky seeder test ("database is locked" in `check` right after a seed): the
    /// seed's switch to a rollback journal read and restored the timeout with `PRAGMA
    /// busy_timeout`, which reads 0 under a custom handler and, set, replaces it — so the
    /// connection was left with no busy handler at all. After a seed's journal switch, a writer
    /// still waits for the lock.
    @Test func theSeedsJournalSwitchKeepsTheBusyHandler() throws {
        try withTemporaryDirectory { dir in
            let setup = try openConfigured(dir)
            try setup.execute("CREATE TABLE t(x INTEGER)")
            #expect(SeedJournal.enter(setup, synchronous: 2))
            SeedJournal.leave(setup)
            try expectWriterWaits(dir, setup)
        }
    }

    @Test func aTimeoutOfZeroFailsAtOnceWithBusy() throws {
        try withTemporaryDirectory { dir in
            let a = try openConfigured(dir)
            let b = try openConfigured(dir, busyTimeoutMs: 0)
            try a.execute("CREATE TABLE t(x INTEGER)")
            try a.write {
                try a.run("INSERT INTO t VALUES (1)")
                let error = #expect(throws: SQLiteError.self) { try b.write { try b.run("INSERT INTO t VALUES (2)") } }
                #expect(error?.isBusy == true)
            }
            #expect(try b.scalarInt("SELECT count(*) FROM t") == 1)
        }
    }

    /// Closing checkpoints without waiting: a reader on an older snapshot keeps the WAL, which
    /// stays valid, and nothing is lost; the last connection to close folds it into the file.
    @Test func closingBesideAReaderOnAnOlderSnapshotLosesNothing() throws {
        try withTemporaryDirectory { dir in
            let reader = try openConfigured(dir)
            try reader.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
            let writer = try openConfigured(dir)
            let seen = try reader.read { () -> Int64? in
                let before = try reader.scalarInt("SELECT count(*) FROM t")
                try writer.write { try writer.run("INSERT INTO t VALUES (2)") }
                writer.close()   // cannot truncate the WAL under the open snapshot; does not wait for it
                #expect(FileManager.default.fileExists(atPath: dir + "/t.sqlite-wal"))
                #expect(try reader.scalarInt("SELECT count(*) FROM t") == before)
                return before
            }
            #expect(seen == 1)
            #expect(try reader.scalarInt("SELECT count(*) FROM t") == 2)
            reader.close()
            #expect(!FileManager.default.fileExists(atPath: dir + "/t.sqlite-wal"))
            let again = try openConfigured(dir)
            #expect(try again.scalarInt("SELECT count(*) FROM t") == 2)
        }
    }
}
