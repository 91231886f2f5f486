import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardTerminal
import TradeGuardUI

/// The full-screen app of a key's session: straight into the key's party's workspace (no picker),
/// on a real database (so no party switch and no clock), read-only for a read-only key, and
/// ended at the next key pressed once the key is revoked. A platform key opens the platform's
/// workspace: its queues of disputes, and deciding the escalated ones.
enum SessionApp {
    static func run(key: KeyRecord, database: String, inv: Invocation) throws -> Int32 {
        do { try NCursesTerminal.check() } catch { throw CLIError.usage("\(error)") }
        var arguments = inv.arguments
        arguments.values["db"] = [database]
        var session = Invocation(arguments: arguments, output: inv.output, input: inv.input, environment: inv.environment)
        session.session = key
        let store = try session.openStore(key.readOnly ? .read : .write)
        defer { store.close() }
        guard try store.kind() == .real else {
            throw CLIError.failed("The platform's database is a demo database; sessions need a real one (made by 'tradeguard init --empty').")
        }
        let started = Date()
        let app: AppModel
        do {
            app = try AppModel(store: store, as: key.party, uptime: { Date().timeIntervalSince(started) },
                               readOnlyReason: key.readOnly ? "this key is read-only" : nil)
        } catch { throw Failure.cliError(error) }
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal.open() } catch { throw CLIError.usage("\(error)") }
        // Reports keys and frames to `bench --hosted`; a no-op outside it.
        let device = BenchReporter.wrap(terminal, environment: SessionBenchReport.vetted(inv.environment))
        let watch = RevocationWatch(device, store: store, fingerprint: key.fingerprint)
        let theme = ThemeCatalog.live().choose(flag: nil, configured: nil).resolve(depth: terminal.colorDepth)
        let status = AppRunner.run(app, on: watch, theme: theme)
        terminal.close()
        if watch.revoked {
            inv.output.error(Attribution.revokedSentence(key.fingerprint))
            return 1
        }
        return status
    }
}

/// Passes keys through, but once the session's key is revoked (by the platform, from another
/// process) the next key pressed ends the app instead of acting: it becomes Ctrl-C, and the
/// session then says why.
final class RevocationWatch: TerminalDevice {
    private let inner: TerminalDevice
    private let store: Store
    private let fingerprint: String
    private(set) var revoked = false

    init(_ inner: TerminalDevice, store: Store, fingerprint: String) {
        self.inner = inner
        self.store = store
        self.fingerprint = fingerprint
    }

    var size: (rows: Int, cols: Int) { inner.size }
    var colorDepth: ColorDepth { inner.colorDepth }
    var pendingSignal: Int32? { inner.pendingSignal }
    var hasPendingInput: Bool { inner.hasPendingInput }
    func present(_ canvas: Canvas, theme: ResolvedTheme) { inner.present(canvas, theme: theme) }

    func nextKey(timeoutMs: Int) -> Key? {
        guard let key = inner.nextKey(timeoutMs: timeoutMs) else { return nil }
        // One indexed point read per key: microseconds, against a budget of milliseconds.
        if revoked || (try? store.key(fingerprint))?.isRevoked != false {
            revoked = true
            return .control("c")
        }
        return key
    }
}
