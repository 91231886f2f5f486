import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives a program inside a private tmux server, for end-to-end tests of the full-screen app.
///
///     let tmux = try TmuxHarness()
///     try tmux.start(command: TmuxHarness.quote(bin) + " terminal-test", cols: 100, rows: 30)
///     try tmux.waitFor("last key: none")
///     tmux.send(keys: ["Down"])
///     let screen = try tmux.waitFor("last key: Down")
///     #expect(try tmux.waitForExit() == 0)
///
/// Each harness has its own temporary folder and socket (`tmux -S <tmp>/tmux.sock`), so tests
/// run in parallel without meeting. The command runs under `sh` with `LANG=C.UTF-8`,
/// `TERM=tmux-256color` (override with `env`), its exit status is written to a file, and the
/// pane stays after it exits (`remain-on-exit`) so the final screen can still be captured.
/// tmux runs through `posix_spawn` + `waitpid` on the shell (like popen, with a clean signal
/// mask), never `Foundation.Process.waitUntilExit()`: that waits for the daemonised tmux
/// server, which inherits its pipe, and hangs (swift-corelibs-foundation#4795).
final class TmuxHarness: @unchecked Sendable {
    /// tmux is installed (tests skip without it: `.enabled(if: TmuxHarness.isAvailable)`).
    static let isAvailable: Bool = shell("command -v tmux >/dev/null 2>&1 && echo yes").output.hasPrefix("yes")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The private folder (scratch files may go here; it is removed with the harness).
    let folder: String
    let socket: String
    let target = "tg"
    private var started = false
    private var exitFile: String { folder + "/exit-status" }

    init() throws {
        var template = Array("/tmp/tg-tmux-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        socket = folder + "/tmux.sock"
    }

    deinit {
        kill()
        _ = Self.shell("rm -rf " + Self.quote(folder))
    }

    // MARK: Running

    /// Starts `command` (a shell command line) in a new detached session of `cols` × `rows`.
    /// `env` is exported before it runs (LANG and TERM included; an empty value unsets the
    /// variable). `after` runs in the same pane once the command has ended (e.g. `stty -a >
    /// FILE` to see the terminal modes it left); the exit status file is written last.
    func start(command: String, cols: Int = 100, rows: Int = 30, env: [String: String] = [:], after: String? = nil) throws {
        precondition(!started, "one command per harness")
        // `swift test` sets NO_COLOR=1 for the tests: the program gets colours unless a test asks.
        var environment = ["LANG": "C.UTF-8", "TERM": "tmux-256color", "NO_COLOR": ""]
        for (key, value) in env { environment[key] = value }
        // The script outlives the command: a Ctrl-C or kill meant for the command must not end it
        // (a caught signal is reset to its default in the command, an ignored one would not be).
        var script = "#!/bin/sh\ntrap : INT TERM HUP QUIT\n"
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            script += value.isEmpty ? "unset \(key)\n" : "export \(key)=\(Self.quote(value))\n"
        }
        script += "cd \(Self.quote(folder))\n"
        script += command + "\n"
        script += "status=$?\n"
        if let after { script += after + "\n" }
        script += "echo \"$status\" > \(Self.quote(exitFile)).tmp && mv \(Self.quote(exitFile)).tmp \(Self.quote(exitFile))\n"
        let scriptPath = folder + "/run.sh"
        guard FileManager.default.createFile(atPath: scriptPath, contents: Data(script.utf8)) else {
            throw Failure(description: "cannot write \(scriptPath)")
        }
        // Run by `sh FILE`, not exec'd: a child that a parallel test forks while this file is open
        // for writing would make exec fail with ETXTBSY ("Text file busy").
        // One tmux invocation: no config file, options set before the session (and its command) exist.
        let result = tmux("-f /dev/null start-server \\; set-option -g remain-on-exit on \\; "
            + "set-option -g default-terminal tmux-256color \\; "
            + "new-session -d -s \(target) -x \(cols) -y \(rows) -e LANG=C.UTF-8 -e TERM=tmux-256color "
            + Self.quote("exec /bin/sh " + Self.quote(scriptPath)))
        guard result.status == 0 else { throw Failure(description: "tmux new-session failed (\(result.status)): \(result.output)") }
        started = true
    }

    /// Sends tmux key names: "Down", "Enter", "C-c", "BTab", "F5", "q" …
    func send(keys: [String]) {
        guard !keys.isEmpty else { return }
        tmux("send-keys -t \(target) " + keys.map(Self.quote).joined(separator: " "))
    }

    /// Types `text` literally (UTF-8 included).
    func type(_ text: String) {
        tmux("send-keys -t \(target) -l -- " + Self.quote(text))
    }

    /// The visible screen as text (trailing blanks trimmed by tmux).
    func capture() -> String {
        tmux("capture-pane -p -t \(target)").output
    }

    /// Everything the pane shows and has scrolled off, wrapped lines joined: for programs that
    /// print and exit (a freshly made detached pane can scroll its first line away).
    func captureAll() -> String {
        tmux("capture-pane -p -J -S - -t \(target)").output
    }

    /// The visible screen with SGR escape sequences for colours and attributes (`capture-pane -e`).
    func captureWithColours() -> String {
        tmux("capture-pane -p -e -t \(target)").output
    }

    /// A tmux format for the pane: "#{cursor_x},#{cursor_y}", "#{cursor_flag}", "#{pane_pid}" …
    func paneFormat(_ format: String) -> String {
        tmux("display-message -p -t \(target) " + Self.quote(format)).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Where the hardware cursor is (column, row) and whether it is visible.
    var cursor: (col: Int, row: Int, visible: Bool) {
        let parts = paneFormat("#{cursor_x} #{cursor_y} #{cursor_flag}").split(separator: " ").compactMap { Int($0) }
        guard parts.count == 3 else { return (-1, -1, false) }
        return (parts[0], parts[1], parts[2] == 1)
    }

    /// Polls every 50 ms until `text` is on screen and two consecutive captures agree (the
    /// screen has settled); returns that screen, or throws with the last capture.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("'\(text)' on screen", timeout: timeout) { $0.contains(text) }
    }

    /// Like `waitFor`, for any condition on the screen text.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Self.now() + timeout
        var previous: String?
        var current = ""
        while true {
            current = capture()
            if condition(current) && current == previous { return current }
            previous = current
            if Self.now() > deadline { break }
            usleep(50_000)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); last screen:\n\(current)\n\(diagnostics())")
    }

    /// Resizes the (detached) window.
    func resize(cols: Int, rows: Int) {
        tmux("resize-window -t \(target) -x \(cols) -y \(rows)")
    }

    /// The pane's command is still running.
    var isRunning: Bool {
        started && !FileManager.default.fileExists(atPath: exitFile) && paneFormat("#{pane_dead}") == "0"
    }

    /// Waits for the command (and `after`) to end; returns its exit status (128 + n when a
    /// signal n ended it), or throws with the last screen.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Self.now() + timeout
        while Self.now() < deadline {
            if let text = try? String(contentsOfFile: exitFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(50_000)
        }
        throw Failure(description: "the command did not exit within \(timeout) s; last screen:\n\(capture())\n\(diagnostics())")
    }

    /// The pane's state and processes, for failure messages.
    func diagnostics() -> String {
        let pane = paneFormat("pane #{pane_id} pid #{pane_pid} dead #{pane_dead} status #{pane_dead_status} size #{pane_width}x#{pane_height}")
        let pid = paneFormat("#{pane_pid}")
        let processes = Int(pid).map { Self.shell("ps -o pid,ppid,stat,wchan:20,args -p \($0) --ppid \($0)").output } ?? ""
        return "tmux: \(pane)\n\(processes)"
    }

    /// Process ids of the pane's command (the `sh` running the script) and its children.
    func commandPIDs() -> (shell: pid_t, children: [pid_t]) {
        let shell = pid_t(paneFormat("#{pane_pid}")) ?? 0
        guard shell > 0, let text = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else {
            return (shell, [])
        }
        return (shell, text.split(separator: " ").compactMap { pid_t($0) })
    }

    // MARK: Output bytes

    /// Starts copying everything the program writes to the terminal into a file; returns its path.
    @discardableResult
    func startRecordingOutput() -> String {
        let path = folder + "/output-\(UUID().uuidString).bin"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        tmux("pipe-pane -o -t \(target) " + Self.quote("cat >> " + Self.quote(path)))
        return path
    }

    /// Stops the recording started by `startRecordingOutput`.
    func stopRecordingOutput() {
        tmux("pipe-pane -t \(target)")
    }

    // MARK: Tear-down

    /// Ends the tmux server and with it the command (SIGHUP); a command that ignores SIGHUP is
    /// killed after half a second, so a failed test leaves nothing running. Called by deinit.
    func kill() {
        guard started else { return }
        // The pane's live processes, each with its start time so a recycled pid is never hit.
        let pids: (shell: pid_t, children: [pid_t]) = paneFormat("#{pane_dead}") == "0" ? commandPIDs() : (0, [])
        let tracked: [(pid: pid_t, start: String)] = (pids.children + [pids.shell]).filter { $0 > 0 }
            .compactMap { pid in Self.startTime(pid).map { (pid, $0) } }
        started = false
        tmux("kill-server")
        let deadline = Self.now() + 0.5
        func alive() -> [pid_t] { tracked.filter { Self.startTime($0.pid) == $0.start }.map { $0.pid } }
        while !alive().isEmpty && Self.now() < deadline { usleep(20_000) }
        for pid in alive() { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// A live (not zombie) process's start time from /proc, nil when gone.
    private static func startTime(_ pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z" else { return nil }
        return String(fields[19])             // field 22 of stat: start time in clock ticks
    }

    // MARK: Helpers

    @discardableResult
    func tmux(_ arguments: String) -> (status: Int32, output: String) {
        Self.shell("tmux -S \(Self.quote(socket)) \(arguments)")
    }

    /// Runs `command` with /bin/sh, stdin from /dev/null; returns its exit status and stdout
    /// (stderr merged when `mergeErrors`). Like popen, it waits for the shell only — but the
    /// shell starts with no signal blocked and default signal actions: Swift Testing runs tests
    /// on Dispatch worker threads that block SIGINT, SIGTSTP, SIGWINCH …, a blocked mask survives
    /// exec, and through popen it reached the tmux server and every program in its panes
    /// (Ctrl-C and Ctrl-Z then did nothing).
    @discardableResult
    static func shell(_ command: String, mergeErrors: Bool = false) -> (status: Int32, output: String) {
        // Output goes to a file, not a pipe: a pipe's write end could leak into a child spawned
        // by a parallel test (the tmux server lives long) and reading would never see EOF.
        let outPath = "/tmp/tg-tmux-out-\(UUID().uuidString)"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGPIPE, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ) == 0 else { return (-1, "") }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let status: Int32 = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        let output = FileManager.default.contents(atPath: outPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (status, output)
    }

    /// `text` as one single-quoted shell word.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    // MARK: Locating built programs

    /// A program built by this package (`tradeguard`): `$TRADEGUARD_BIN` for that name, else
    /// the build folder holding the test bundle (SwiftPM puts every product of one build there),
    /// found by walking up from the bundle and the test runner. nil when not built.
    static func builtProgram(_ name: String = "tradeguard") -> String? {
        let fm = FileManager.default
        if name == "tradeguard", let explicit = ProcessInfo.processInfo.environment["TRADEGUARD_BIN"],
           fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var starts: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? ".")]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }
}
