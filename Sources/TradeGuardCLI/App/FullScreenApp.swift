import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardTerminal
import TradeGuardUI

/// `tradeguard [--db PATH] [--as HANDLE] [--theme NAME]`: the full-screen app.
enum FullScreenApp {
    static func run(_ words: [String], output: Output, environment: [String: String]) -> Int32 {
        let arguments: Arguments
        do {
            arguments = try Arguments.parse(words, valueOptions: ["db", "as", "theme", "on-behalf"], flagOptions: [])
        } catch {
            output.error("tradeguard: \(error.message)")
            return 2
        }
        guard arguments.positionals.isEmpty else {
            output.error("tradeguard: unknown command \(TextRules.quoted(arguments.positionals[0])). Run 'tradeguard --help' for the list.")
            return 2
        }
        // Refuse a non-terminal before touching any file, with the way out.
        do { try NCursesTerminal.check() } catch {
            output.error("tradeguard: \(error)")
            return 2
        }

        let config = UserConfig(environment: environment)
        var notices = config.problems
        let store: Store
        let path: String
        let opened: DatabaseOpening.Opened
        do {
            path = try DatabaseLocation.resolve(explicit: arguments.value("db"), environment: environment)
            if !FileFacts.exists(path) {
                try DatabaseLocation.prepareFolder(for: path)
                let now = SystemTimeSource().now()
                // Another first run may have made it meanwhile: then it is simply opened.
                if try DatabaseCreation.createDemo(at: path, now: Instant(secondsSinceEpoch: now.secondsSinceEpoch / 60 * 60)) {
                    notices.append("Created a demo database at \(path)")
                    output.error("tradeguard: created a demo database at \(path)")
                }
            }
            opened = try DatabaseOpening.open(path, for: .app)
            store = opened.store
        } catch let refused as DatabaseOpening.Refused {
            output.error("tradeguard: \(refused.description)")
            return 1
        } catch let error as CLIError {
            output.error("tradeguard: \(error.message)")
            return error.exitCode
        } catch {
            output.error("tradeguard: \(DatabaseLocation.reason(error))")
            return 1
        }
        defer { store.close() }

        // Who to act as: --as, else the config file's party; a demo database may pick on screen.
        let handle: Handle?
        do {
            let requested = arguments.value("as") ?? config.party
            handle = try requested.map { name in
                guard let h = try? Handle(name) else { throw StoreError.unknownParty(name) }
                return h
            }
            if let handle, try store.kind() == .real, handle != .platform {
                // Issue 18: locally the owning account is the platform; it acts for a party only on behalf.
                let reason = try arguments.value("on-behalf").map { try TextRules.validate($0, field: "--on-behalf", maxLength: 200) }
                store.attribution = reason.map { .onBehalf(reason: $0) }
                    ?? .lookingOnly(sentence: "On a real database this account is the platform: to act for \(handle), start with --as \(handle) --on-behalf \"reason\"; nothing was saved.")
            }
            if handle == nil, try store.kind() == .real {
                output.error("tradeguard: choose who to act as with --as HANDLE ('tradeguard parties' lists them), or set 'party = HANDLE' in \(config.configPath ?? "the config file").")
                return 2
            }
        } catch {
            output.error("tradeguard: \(error)")
            return 1
        }

        let selection = ThemeCatalog.live().choose(flag: arguments.value("theme"), configured: config.theme)
        if let warning = selection.warning { notices.append(warning) }

        let app: AppModel
        do {
            let started = Date()
            var bindings = config.keyBindings()
            if let candidate = bindings, let problem = AppModel.checkBindings(candidate) {
                notices.append(problem + " (default keys in use)")
                bindings = nil
            }
            app = try AppModel(store: store, as: handle, uptime: { Date().timeIntervalSince(started) }, keyBindings: bindings,
                               readOnlyReason: opened.readOnlyReason)
        } catch {
            output.error("tradeguard: \(Failure.describe(error))")
            return 1
        }
        for notice in notices { app.notice(notice) }

        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal.open() } catch {
            output.error("tradeguard: \(error)")
            return 2
        }
        let catalog = ThemeCatalog.live()
        app.themeSwitcher = { name in
            let theme = try catalog.load(name: name)
            var note: String?
            do { try config.remember(theme: name) } catch let error as CLIError { note = "not remembered: \(error.message)" }
            return (theme.resolve(depth: terminal.colorDepth, noColor: catalog.noColor), note)
        }
        let device = BenchReporter.wrap(terminal, environment: environment)   // a no-op outside `bench`
        let status = AppRunner.run(app, on: device, theme: selection.resolve(depth: terminal.colorDepth))
        terminal.close()
        return status
    }
}
