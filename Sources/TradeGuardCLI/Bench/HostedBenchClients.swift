import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// One company's integration calling the platform in a loop: `ssh … do pay CODE --amount 0.01
/// --key K` with a fresh idempotency key each time. A call that fails is retried with the same
/// key, as the CLI tells a payer to, so nothing should ever be lost or paid twice.
struct HostedPayer {
    struct Tally {
        var acknowledged: [String] = []
        /// Acknowledged as "already recorded" (a retry of a key whose first answer was lost).
        var replays = 0
        /// Keys given up after every retry failed, with the last answer.
        var givenUp: [(key: String, answer: String)] = []
        var failedCalls = 0
        /// The answer of the latest failed call, to show what went wrong.
        var lastFailure: String?
        /// ssh started → answer read: connection, authentication, session, commit.
        var roundTripsMs: [Double] = []
    }

    static let amount = "0.01"
    static let attempts = 5

    let platform: HostedBenchPlatform
    let desk: HostedBenchPlatform.Desk
    /// Where the sessions report their commits (`C <ns>` lines).
    let commitPipe: String

    func run(until deadline: UInt64, pauseMs: Int) -> Tally {
        var tally = Tally()
        var number = 0
        // At least one payment, however late a loaded machine started this client.
        while number == 0 || PseudoTerminal.monotonicNanoseconds() < deadline {
            number += 1
            let key = "hb-\(desk.name)-\(number)"
            var answer = ""
            var acknowledged = false
            for attempt in 1...Self.attempts {
                let started = PseudoTerminal.monotonicNanoseconds()
                let result = call(key: key)
                // The CLI's answer names the key: "paid … with key K" or "payment key K was already recorded".
                let replayed = result.stdout.contains("payment key \(key) was already recorded")
                if result.status == 0, result.stdout.contains("with key \(key);") || replayed {
                    tally.roundTripsMs.append(Double(PseudoTerminal.monotonicNanoseconds() - started) / 1e6)
                    tally.acknowledged.append(key)
                    if replayed { tally.replays += 1 }
                    acknowledged = true
                    break
                }
                tally.failedCalls += 1
                answer = "exit \(result.status): " + (result.stderr + result.stdout).trimmingCharacters(in: .whitespacesAndNewlines)
                tally.lastFailure = answer
                if attempt < Self.attempts { usleep(200_000) }
            }
            if !acknowledged { tally.givenUp.append((key, answer)) }
            if pauseMs > 0 { usleep(useconds_t(pauseMs * 1_000)) }
        }
        return tally
    }

    private func call(key: String) -> SpawnedProcess.Result {
        let arguments = platform.sshd.sshArguments(key: desk.keyPath, extra: ["-o", "SendEnv=\(SessionBenchReport.variable)"],
                                                   command: ["do", "pay", desk.order!.text, "--amount", Self.amount, "--key", key])
        let environment = ["PATH": "/usr/bin:/bin", "HOME": platform.folder, SessionBenchReport.variable: commitPipe]
        do {
            let niced = HostedBench.clientPrefix + [PrivateSSHD.ssh] + arguments
            return try SpawnedProcess.run(niced[0], Array(niced.dropFirst()), environment: environment, folder: platform.folder)
        } catch {
            return SpawnedProcess.Result(status: -1, signal: nil, stdout: "", stderr: "\(error)", seconds: 0)
        }
    }
}

/// A member of a company's staff at the full-screen app over `ssh -tt` on a 120x40 pseudo-
/// terminal, pressing a key every `gapMs`: tabs, moves, opening an order and going back, pages.
/// Each key is timed inside the session process (its bench report, as `bench` times the local app).
struct HostedScreen {
    struct Tally {
        var keyMs: [Double] = []
        var firstFrameMs = Double.nan
        var memory: SessionMemory?
        var problem: String?
    }

    static let rows = 40, cols = 120
    static let cycle = [BenchSession.Keys.tab, BenchSession.Keys.down, BenchSession.Keys.down, BenchSession.Keys.enter,
                        BenchSession.Keys.down, BenchSession.Keys.back, BenchSession.Keys.down, BenchSession.Keys.pageDown]

    let platform: HostedBenchPlatform
    let desk: HostedBenchPlatform.Desk
    let binary: String

    func run(until deadline: UInt64, gapMs: Int) -> Tally {
        var tally = Tally()
        let command = HostedBench.clientPrefix + [PrivateSSHD.ssh, "-tt"] + platform.sshd.sshArguments(key: desk.keyPath, extra: ["-o", "SendEnv=\(SessionBenchReport.variable)"])
        let app: BenchChild
        do {
            app = try BenchChild(command: command, rows: Self.rows, cols: Self.cols, scratch: platform.folder, firstFrameTimeoutMs: 120_000)
        } catch {
            tally.problem = "\(desk.name): \(error)"
            return tally
        }
        tally.firstFrameMs = app.firstFrameMs
        var index = 0
        // At least one round of the keys, however long the login took on a loaded machine.
        while index < Self.cycle.count || PseudoTerminal.monotonicNanoseconds() < deadline {
            do {
                tally.keyMs.append(try app.press(Self.cycle[index % Self.cycle.count]).applicationMs)
            } catch {
                tally.problem = "\(desk.name): \(error)"
                break
            }
            index += 1
            usleep(useconds_t(gapMs * 1_000))
        }
        tally.memory = SessionMemory.of(sessionWithReport: app.reportPath, binary: binary)
        let end = app.quit()
        if tally.problem == nil, end.status != 0 { tally.problem = "\(desk.name): the session ended with status \(end.status) after Q" }
        return tally
    }
}

/// A session process's memory, from /proc: resident now, its peak, and its proportional share
/// (PSS: the binary's pages, shared by every session, counted once across them).
struct SessionMemory {
    let residentBytes: Int
    let peakResidentBytes: Int
    let proportionalBytes: Int?

    /// The `tradeguard session` process whose environment names `reportPath` (sshd's child runs
    /// it through the account's shell, which may or may not exec it: the process is found by
    /// its own command line, not by its parent).
    static func of(sessionWithReport reportPath: String, binary: String) -> SessionMemory? {
        let wanted = "\(SessionBenchReport.variable)=\(reportPath)"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let arguments = fields("/proc/\(entry)/cmdline"), arguments.count > 1, arguments[1] == "session",
                  arguments[0] == binary || arguments[0].hasSuffix("/tradeguard"),
                  let environment = fields("/proc/\(entry)/environ"), environment.contains(wanted),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else { continue }
            let rollup = try? String(contentsOfFile: "/proc/\(entry)/smaps_rollup", encoding: .utf8)
            return SessionMemory(residentBytes: kilobytes("VmRSS:", in: status).map { $0 * 1_024 } ?? 0,
                                 peakResidentBytes: kilobytes("VmHWM:", in: status).map { $0 * 1_024 } ?? 0,
                                 proportionalBytes: rollup.flatMap { kilobytes("Pss:", in: $0) }.map { $0 * 1_024 })
        }
        return nil
    }

    private static func fields(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func kilobytes(_ label: String, in text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}
