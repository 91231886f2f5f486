import Foundation
import Testing
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// A full disk, two ways: a file size limit (RLIMIT_FSIZE, set by `ulimit -f` in a shell that
/// ignores SIGXFSZ so writes fail with EFBIG instead of killing), and a real 3 MB tmpfs where
/// root may mount one. Each: one clear sentence, exit 1, nothing half-written, `check` clean,
/// and the same command works once there is room.
struct DiskFullTests {
    /// `tradeguard WORDS --db DB` under a file size limit of `blocks` × 512 bytes.
    static func limited(_ sandbox: Sandbox, blocks: Int, _ words: [String], db: String? = nil) -> RunResult {
        let script = "trap '' XFSZ; ulimit -f \(blocks) || exit 99; exec \"$0\" \"$@\""
        return Spawn.start("/bin/sh", ["-c", script, Binary.path] + words + ["--db", db ?? sandbox.db],
                           environment: sandbox.environment(), folder: sandbox.folder).wait()
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static let tooLarge = "The database file cannot grow: file too large for the size limit set for this program (ulimit -f); nothing was saved."

    @Test func anActionThatCannotGrowTheFileWritesNothingAndWorksLater() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        // Just room for SQLite's 32 KiB -shm file, none for the WAL frames of a confirmation.
        let result = Self.limited(sandbox, blocks: 64, ["do", "confirm", code, "--as", "hanse"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "tradeguard do: \(Self.tooLarge)\n", "\(result)")
        #expect(sandbox.orderJSON(code)["state"] as? String == "awaitingConfirmation", "nothing was confirmed")
        sandbox.expectClean("after the failed confirmation")
        let again = sandbox.tg("do", "confirm", code, "--as", "hanse")
        #expect(again.status == 0, "\(again)")
        sandbox.expectClean("after the confirmation")
    }

    @Test func seedingIntoALimitStopsCleanlyWithNothingHalfSeeded() throws {
        let sandbox = try Sandbox().standardDatabase()
        let before = sandbox.tg("orders", "--format", "json").lines.joined()
        // Room for about 200 KiB more than the file holds now: far less than 3,000 orders need.
        let blocks = (Self.fileSize(sandbox.db) + 200_000) / 512
        let result = Self.limited(sandbox, blocks: blocks, ["seed", "--orders", "3000"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(Self.tooLarge), "\(result)")
        #expect(sandbox.tg("orders", "--format", "json").lines.joined() == before, "not one order of the seed was kept")
        sandbox.expectClean("after the failed seed")
    }

    /// A real full disk: a 3 MB tmpfs (needs root and a kernel that lets it mount one).
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = Sandbox()
        let point = probe.path("mnt")
        mkdir(point, 0o755)
        let sh = Spawn.start("/bin/sh", ["-c", "mount -t tmpfs -o size=1m tmpfs \"$0\" && umount \"$0\"", point],
                             environment: probe.environment(), folder: probe.folder).wait()
        return sh.status == 0
    }()

    @Test(.enabled(if: canMount, "needs root and permission to mount a tmpfs"))
    func aFullDiskIsSaidPlainlyAndTheDatabaseStaysWhole() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let point = sandbox.path("small-disk")
        mkdir(point, 0o755)
        let mount = Spawn.start("/bin/sh", ["-c", "mount -t tmpfs -o size=3m tmpfs \"$0\"", point],
                                environment: sandbox.environment(), folder: sandbox.folder).wait()
        try #require(mount.status == 0, "\(mount)")
        defer { _ = Spawn.start("/bin/sh", ["-c", "umount \"$0\"", point], environment: sandbox.environment(), folder: sandbox.folder).wait() }
        let db = point + "/tg.sqlite"
        try FileManager.default.copyItem(atPath: sandbox.db, toPath: db)
        // Fill the disk but for 300 KB, so the seed meets the end quickly.
        var fs = statvfs()
        try #require(statvfs(point, &fs) == 0)
        let free = Int(fs.f_bavail) * Int(fs.f_frsize)
        _ = FileManager.default.createFile(atPath: point + "/filler", contents: Data(count: max(0, free - 300_000)))

        let seed = sandbox.tg(["seed", "--orders", "2000"], db: db)
        #expect(seed.status == 1, "\(seed)")
        #expect(seed.stderr == "tradeguard seed: Seeding failed: The disk is full; nothing was saved — free some space and try again.\n", "\(seed)")
        let check = sandbox.tg(["check"], db: db)
        #expect(check.status == 0 && check.stdout.hasPrefix("ok — "), "\(check)")
        // Space freed (the filler removed): the next action is done.
        unlink(point + "/filler")
        let confirm = sandbox.tg(["do", "confirm", code, "--as", "hanse"], db: db)
        #expect(confirm.status == 0, "\(confirm)")
    }
}
