import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardUI

/// `tradeguard demo --check FILE` (issue 20 item 5): a trainer's script checked without playing
/// it, headless on a fresh copy of the demo template the walkthrough itself starts from.
enum DemoCheck {
    /// A built-in walkthrough by name, or a trainer's script file: its text and the file name
    /// its problems are reported against.
    static func scriptSource(_ name: String) throws -> (text: String, file: String) {
        if let builtIn = BuiltInWalkthroughs.named(name) { return (builtIn, name + ".tgs") }
        guard let contents = try? String(contentsOfFile: name, encoding: .utf8) else {
            throw CLIError.failed("No walkthrough named \(TextRules.quoted(name)) and no readable file there; 'tradeguard demo --list' shows the built-in ones.")
        }
        return (contents, name)
    }

    /// 0 when every `expect` holds, 1 at the first that does not, 2 for a mistake in the script;
    /// each problem as `file:line: reason`, the way an editor jumps to it.
    static func run(_ name: String, invocation: Invocation) throws -> Int32 {
        let (text, file) = try scriptSource(name)
        let walkthrough: Walkthrough
        do { walkthrough = try Walkthrough(try Script.parse(text, name: file)) } catch {
            invocation.output.error("\(error)")
            return 2
        }
        let template = try DemoTemplate.ensure(now: SystemTimeSource().now(), environment: invocation.environment) {
            invocation.output.error("tradeguard: preparing the demo database (once a day) …")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradeguard-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("check.sqlite").path
        try DemoTemplate.copy(template, to: path)
        // Checked steps need no fsync per commit: the file is thrown away.
        let store = try Store(path: path, create: false, random: .system())
        let app = try AppModel(store: store, as: nil, uptime: { 0 })
        let split = invocation.arguments.has("split")
        do {
            let steps: Int
            if split {
                // As `demo --split` plays it: a second connection for the buyer's pane.
                let second = try Store(path: path, create: false, random: .system())
                let buyer = try AppModel(store: second, as: DemoCast.defaultBuyer, uptime: { 0 })
                try app.runLine("party.switch \(DemoCast.defaultSeller)")
                steps = try store.withoutPerCommitSync {
                    try second.withoutPerCommitSync { try ScriptCheck.runSplit(walkthrough, seller: app, buyer: buyer) }
                }
            } else {
                steps = try store.withoutPerCommitSync { try ScriptCheck.run(walkthrough, on: app) }
            }
            invocation.output.line("\(file): \(steps) step\(steps == 1 ? "" : "s"), all expectations hold\(split ? " in split panes" : "")")
            return 0
        } catch let failure as ScriptFailure {
            invocation.output.error("\(failure.file):\(failure.line): \(failure.reason)")
            let screen = split ? "The pane (\(ScriptCheck.paneSize.cols)×\(ScriptCheck.paneSize.rows))"
                : "The screen (\(ScriptCheck.size.cols)×\(ScriptCheck.size.rows), the caption panel's rows left out)"
            invocation.output.error("\(screen) was:\n\(failure.screen)")
            return 1
        }
    }
}
