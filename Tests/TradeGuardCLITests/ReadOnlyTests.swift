import Foundation
import Testing
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// Read-only files and folders. Root ignores file modes, so these run the binary as `nobody`
/// through `setpriv` (util-linux); where that is impossible (not root, no setpriv, or `nobody`
/// cannot reach the binary) they are skipped.
enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    static let prefix = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]

    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv), !Binary.path.isEmpty else { return false }
        let sandbox = Sandbox()
        let probe = Spawn.start(setpriv, prefix + [Binary.path, "--version"], environment: sandbox.environment(), folder: sandbox.folder).wait()
        return probe.status == 0
    }()

    static func run(_ sandbox: Sandbox, _ words: [String]) -> RunResult {
        Spawn.start(setpriv, prefix + [Binary.path] + words + ["--db", sandbox.db], environment: sandbox.environment(),
                    folder: sandbox.folder).wait()
    }
}

@Suite(.enabled(if: Unprivileged.available, "needs root, setpriv and a binary that user nobody can run"))
struct ReadOnlyTests {
    private func prepare() throws -> (Sandbox, String) {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        // The fixture closed cleanly: no -wal or -shm is left beside the file.
        #expect(!sandbox.exists(sandbox.db + "-wal"))
        return (sandbox, code)
    }

    @Test func aDatabaseInAFolderNobodyMayWriteIsReadableAndRefusesWrites() throws {
        let (sandbox, code) = try prepare()
        chmod(sandbox.db, 0o644)   // readable by nobody; the folder is root's, 0755
        let before = try #require(sandbox.bytes(sandbox.db))
        for words in [["parties"], ["orders"], ["order", code, "--format", "json"], ["limits"], ["check"]] {
            let result = Unprivileged.run(sandbox, words)
            #expect(result.status == 0, "\(words): \(result)")
        }
        for words in [["do", "confirm", code, "--as", "hanse"], ["party", "points", "acme", "3"], ["sweep"], ["clock", "advance", "1d"]] {
            let result = Unprivileged.run(sandbox, words)
            #expect(result.status == 1, "\(words): \(result)")
            #expect(result.stderr == "tradeguard \(words[0]): The database at \(sandbox.db) cannot be opened for writing (the file or its folder is read-only); nothing was changed.\n",
                    "\(words): \(result)")
        }
        #expect(sandbox.bytes(sandbox.db) == before)
        #expect(!sandbox.exists(sandbox.db + "-wal") && !sandbox.exists(sandbox.db + "-shm"))
    }

    @Test func aReadOnlyFileInAWritableFolderRefusesWrites() throws {
        let (sandbox, code) = try prepare()
        chmod(sandbox.folder, 0o777)
        chmod(sandbox.db, 0o444)
        let before = try #require(sandbox.bytes(sandbox.db))
        let read = Unprivileged.run(sandbox, ["order", code])
        #expect(read.status == 0 && read.stdout.contains("Awaiting confirmation"), "\(read)")
        let write = Unprivileged.run(sandbox, ["do", "confirm", code, "--as", "hanse"])
        #expect(write.status == 1, "\(write)")
        #expect(write.stderr.split(separator: "\n").count == 1 && write.stderr.contains("nothing was"), "\(write)")
        #expect(sandbox.bytes(sandbox.db) == before)
        // The owner (root here) can still act once the file is writable again.
        chmod(sandbox.db, 0o600)
        #expect(sandbox.tg("do", "confirm", code, "--as", "hanse").status == 0)
        sandbox.expectClean()
    }
}
