import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 19 item 5: each file problem gets its true sentence and leaves nothing behind.
@Suite struct FileProblemTests {
    @Test func initOnADanglingSymlinkSaysSo() throws {
        let sandbox = Sandbox()
        let target = sandbox.path("gone/target.sqlite")
        let link = sandbox.path("link.sqlite")
        #expect(symlink(target, link) == 0)
        let result = sandbox.tg(["init"], db: link)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(link) is a symbolic link to \(target), which does not exist"), "\(result)")
        #expect(!result.stderr.contains("unable to open database file"), "\(result)")
        #expect(!sandbox.exists(sandbox.path("gone")) && !sandbox.exists(link + "-wal") && !sandbox.exists(link + "-journal"))
    }

    /// Root reads a 0000 file, so the unreadable case runs the binary as `nobody`.
    @Test(.enabled(if: Unprivileged.available, "root reads any file; needs setpriv to run as nobody"))
    func anUnreadableDatabaseSaysItCannotBeOpenedForReading() throws {
        let sandbox = try Sandbox().standardDatabase()
        chmod(sandbox.folder, 0o777)
        chmod(sandbox.db, 0o000)
        for words in [["parties"], ["do", "submit", "TG-0000001", "--as", "acme"]] {
            let result = Unprivileged.run(sandbox, words)
            #expect(result.status == 1, "\(words): \(result)")
            #expect(result.stderr.contains("The database at \(sandbox.db) cannot be opened for reading"), "\(words): \(result)")
            #expect(!sandbox.exists(sandbox.db + "-wal") && !sandbox.exists(sandbox.db + "-shm"), "\(words): files left behind")
        }
    }

    @Test(.enabled(if: Unprivileged.available, "root writes any file; needs setpriv to run as nobody"))
    func aRefusedWriteOnAReadOnlyFileLeavesNothingBehind() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        chmod(sandbox.folder, 0o777)
        chmod(sandbox.db, 0o444)
        let write = Unprivileged.run(sandbox, ["do", "confirm", code, "--as", "hanse"])
        #expect(write.status == 1 && write.stderr.contains("cannot be opened for writing"), "\(write)")
        #expect(!sandbox.exists(sandbox.db + "-wal") && !sandbox.exists(sandbox.db + "-shm"), "-wal or -shm left behind")
    }
}
