import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 18, item 4: over SSH each key's frame must leave the session process in one write()
/// (seven writes would be seven packets, and on a slow link a visible tear). A platform of its
/// own with one buyer's key whose forced command runs the session under
/// `strace -f -y -e trace=write`; a person's keys go in through `ssh -tt` on a pseudo-terminal,
/// and the trace says which writes to the session's terminal each key caused (its bench report
/// marks each key taken: `TerminalWriteTrace`). Used by `bench --hosted` and by its test.
public enum HostedFrameWrites {
    public struct Count {
        /// write() calls to the terminal per key pressed (Q, which closes the screen, not counted).
        public let perKey: [Int]
        public let keysPressed: Int
    }

    /// Tab to the orders, moves, a page, opening an order and going back, round the tabs: every
    /// key changes the screen (a key that changes nothing rightly writes nothing at all).
    static let keys = [BenchSession.Keys.ordersTab] + Array(repeating: BenchSession.Keys.down, count: 6)
        + [BenchSession.Keys.pageDown, BenchSession.Keys.enter, BenchSession.Keys.back]
        + Array(repeating: BenchSession.Keys.tab, count: 7)

    /// Why the count cannot be made here (no strace, ptrace refused, no sshd), or nil.
    public static var unavailable: String? {
        if let missing = PrivateSSHD.unavailable { return missing }
        guard let strace = BenchFrameOutput.executable("strace") else { return "strace is not installed" }
        return BenchFrameOutput.canTrace(strace) ? nil : "strace may not trace here (ptrace refused)"
    }

    /// Counts in a scratch `folder` (made, and removed afterwards). Throws when a part that is
    /// available fails.
    public static func count(binary: String, folder: String) throws -> Count {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let platform = try HostedBenchPlatform(folder: folder, binary: binary, payers: 0, screens: 2, lifetimeSeconds: 300, say: { _ in })
        defer { platform.sshd.stop() }
        let trace = folder + "/strace.log"
        try traceSessions(platform: platform, binary: binary, into: trace)
        // The buyer's screen (screens alternate supplier, buyer): its Orders tab has orders in every state.
        let desk = platform.screens[1]
        let command = [PrivateSSHD.ssh, "-tt"] + platform.sshd.sshArguments(key: desk.keyPath, extra: ["-o", "SendEnv=\(SessionBenchReport.variable)"])
        let app = try BenchChild(command: command, rows: HostedScreen.rows, cols: HostedScreen.cols, scratch: folder)
        for key in keys { _ = try app.press(key) }
        _ = app.quit()
        // strace writes its log as the traced processes go; give it a moment after the session ends.
        var perKey: [Int] = []
        for _ in 0..<50 {
            perKey = TerminalWriteTrace.writesPerKey(trace: (try? String(contentsOfFile: trace, encoding: .utf8)) ?? "")
            if perKey.count > keys.count { break }
            usleep(100_000)
        }
        return Count(perKey: Array(perKey.prefix(keys.count)), keysPressed: keys.count)
    }

    /// Puts `strace … -o TRACE` in front of every managed key's forced command in authorized_keys
    /// (the file the test platform owns; a real platform's is never touched).
    private static func traceSessions(platform: HostedBenchPlatform, binary: String, into trace: String) throws {
        guard let strace = BenchFrameOutput.executable("strace") else { throw BenchError("strace is not installed") }
        let path = platform.sshd.authorizedKeys
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let traced = text.replacingOccurrences(of: "command=\"\(binary) session",
                                               with: "command=\"\(strace) -f -qq -y -e trace=write -e signal=none -o \(trace) \(binary) session")
        guard traced != text else { throw BenchError("no forced command for \(binary) in \(path)") }
        try Data(traced.utf8).write(to: URL(fileURLWithPath: path))
    }
}
