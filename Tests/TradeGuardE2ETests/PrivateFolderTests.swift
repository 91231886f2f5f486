import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The app must start whatever folder its binary sits in. Foundation's `Bundle.main` traps when
/// the executable's folder cannot be read by the user running it (a clone under `mktemp -d`,
/// 0700, run as another user); the theme catalog used it to find the themes beside the binary.
@Suite(.enabled(if: TmuxHarness.isAvailable && getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                "needs tmux, root and setpriv"))
struct PrivateFolderTests {
    @Test func theAppStartsFromAFolderItsUserCannotRead() throws {
        let tmux = try TmuxHarness()
        let bin = try FaultTests.binary()
        // A private folder (0700, root's) with a clone folder holding a copy of the binary, as
        // `git clone . "$(mktemp -d)/c"` makes; the database is public.
        let hidden = tmux.folder + "/private"
        mkdir(hidden, 0o700)
        mkdir(hidden + "/clone", 0o755)
        let copy = hidden + "/clone/tradeguard"
        try Self.place(bin, at: copy)
        let shelf = tmux.folder + "/shelf"
        mkdir(shelf, 0o777)
        chmod(shelf, 0o777)
        chmod(tmux.folder, 0o711)
        let db = shelf + "/demo.sqlite"
        try FaultTests.demoDatabase(db)
        chmod(db, 0o666)
        let nobody = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups -- "
        let probe = TmuxHarness.shell(nobody + TmuxHarness.quote(copy) + " --version")
        try #require(probe.status == 0, "user nobody cannot run \(copy) here: \(probe.output)")

        try tmux.start(command: nobody + "\(TmuxHarness.quote(copy)) --db \(TmuxHarness.quote(db)) --as shenzhen-bright",
                       env: ["HOME": shelf])
        let screen = try tmux.waitFor("Seller · Shenzhen Bright")
        #expect(!screen.contains("crashed"), "\(screen)")
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)
    }

    /// The binary at `path`: a hard link where it can be, else a copy written through a
    /// descriptor closed on exec. A plain copy's write descriptor can be inherited by a process
    /// another test forks meanwhile, and while any process holds it open, executing the copy
    /// fails with "Text file busy" (exit 126): seen once under a full parallel run.
    static func place(_ binary: String, at path: String) throws {
        if link(binary, path) == 0 { return }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: binary))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        try #require(fd >= 0, "cannot create \(path)")
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        try #require(written == bytes.count, "cannot write \(path)")
    }
}
