import Foundation
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `init` and `seed`: the two commands that may create a database file.
enum InitSubcommands {
    static let initialise = Subcommand(
        name: "init", synopsis: "init [--empty] [--shared] [--db PATH]",
        summary: "Create a database: demo data on a simulated clock, or with --empty a real database on the system clock.",
        details: """
          --empty    a real database: only the platform party, the system clock (add parties with 'tradeguard party add')
          --shared   create the file readable and writable by its Unix group (0660) instead of by you alone (0600)

        init never overwrites: an existing database is refused.
        """,
        flagOptions: ["empty", "shared"], run: runInit)

    static let seed = Subcommand(
        name: "seed", synopsis: "seed --orders N [--seed S] [--db PATH]",
        summary: "Add N generated orders with full, consistent histories (scale tests); works on an empty database too.",
        details: """
          --orders N   how many orders to add, 1 to 10,000,000
          --seed S     the generator's seed (default 1): the same seed gives the same orders
        """,
        valueOptions: ["orders", "seed"], run: runSeed)

    static func runInit(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        let empty = inv.arguments.has("empty")
        let shared = inv.arguments.has("shared")
        let path = try inv.databasePath()
        let mode: mode_t = shared ? 0o660 : 0o600
        guard !FileFacts.isDirectory(path) else { throw CLIError.failed("\(path) is a folder, not a database file.") }

        let now = SystemTimeSource().now()
        let minute = Instant(secondsSinceEpoch: now.secondsSinceEpoch - now.secondsSinceEpoch % 60)
        // The demo draws payment-link tokens from a seeded generator: the same demo every time.
        let timeSource: TimeSource = empty ? SystemTimeSource() : ManualTimeSource(minute)
        let random: RandomSource = empty ? .system() : .seeded(0x7467_6465_6d6f)
        let fill = { (store: Store) throws in
            if empty { try store.initialise(kind: .real, at: now) } else { try DemoData.build(into: store, now: minute) }
        }
        // A link to nowhere would be created through (or fail obscurely): say what it is.
        if let problem = FileFacts.danglingLinkProblem(path) { throw CLIError.failed(problem) }
        var made = false
        if !FileFacts.exists(path) {
            try DatabaseLocation.prepareFolder(for: path, shared: shared)
            do {
                made = try DatabaseCreation.create(at: path, fileMode: mode, timeSource: timeSource, random: random, build: fill)
            } catch {
                let reason = Failure.describe(error)
                throw CLIError.failed(empty ? reason : "Could not build the demo data: \(reason) Nothing was left behind.")
            }
        }
        // Something was there already (or appeared meanwhile): refused, or an uninitialised file filled.
        if !made { try fillExisting(path, mode: mode, timeSource: timeSource, random: random, empty: empty, fill: fill) }

        let store: Store
        do { store = try Store(path: path, create: false) } catch { throw Failure.cliError(error) }
        defer { store.close() }
        let parties = try store.allParties()
        let modeText = String(format: "%04o", Int(currentMode(path) ?? mode))
        if empty {
            inv.output.line("Created an empty real database at \(path) (file mode \(modeText); system clock).")
            inv.output.line("Next: add parties with 'tradeguard party add', then 'tradeguard activate --as SUPPLIER'.")
        } else {
            let orders = (try? store.totalOrderCount()) ?? 0
            inv.output.line("Created a demo database at \(path) (file mode \(modeText)): \(Text.plural(parties.count, "party", "parties")), "
                            + "\(Text.plural(orders, "order")), simulated clock at \(Text.time(try store.now())).")
            let handles = parties.filter { $0.party.kind != .platform }.prefix(6).map { $0.handle.value }
            if !handles.isEmpty { inv.output.line("Act as one of them with --as, e.g. \(Text.list(Array(handles))).") }
        }
        return 0
    }

    /// An existing file: another program's or a damaged one is refused by opening it, an
    /// initialised database is never overwritten, and an empty or uninitialised TradeGuard
    /// file (made by hand, say) is filled in place.
    private static func fillExisting(_ path: String, mode: mode_t, timeSource: TimeSource, random: RandomSource,
                                     empty: Bool, fill: (Store) throws -> Void) throws {
        let store: Store
        do {
            store = try Store(path: path, create: false, fileMode: mode, timeSource: timeSource, random: random)
        } catch {
            throw Failure.cliError(error)
        }
        defer { store.close() }
        do {
            if try store.isInitialised() {
                throw CLIError.failed("There is already a TradeGuard database at \(path); init never overwrites one (remove it, or give another --db).")
            }
            try fill(store)
        } catch let error as CLIError {
            throw error
        } catch {
            let reason = Failure.describe(error)
            throw CLIError.failed(empty ? reason : "Could not build the demo data: \(reason)")
        }
    }

    static func runSeed(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        guard let ordersText = inv.value("orders") else { throw CLIError.usage("seed needs --orders N (how many orders to add).") }
        let orders = try ArgumentValue.integer(ordersText, name: "--orders", range: 1...10_000_000)
        var seed: UInt64 = 1
        if let text = inv.value("seed") {
            guard let value = UInt64(text), !text.hasPrefix("+") else {
                throw CLIError.usage("--seed must be a whole number from 0 to \(UInt64.max) (got \(TextRules.quoted(text))).")
            }
            seed = value
        }
        let path = try inv.databasePath()
        let created = try createFile(path, mode: 0o600, shared: false)
        var keep = false
        defer { if created && !keep { DatabaseLocation.removeDatabase(at: path) } }
        let store: Store
        do { store = try Store(path: path, create: false) } catch { throw Failure.cliError(error) }
        defer { store.close() }
        let showProgress = inv.output.errors.isTerminal
        let report: SeedReport
        do {
            report = try Seeder.seed(store, orders: orders, seed: seed, progress: showProgress ? { done in
                inv.output.progress("seeding: \(done) of \(orders) orders")
            } : nil)
        } catch {
            // A file this command created holds nothing worth keeping after a failure (the
            // defer removes it); an existing one keeps whatever was committed.
            throw CLIError.failed("Seeding failed: \(Failure.describe(error))")
        }
        keep = true
        inv.output.endProgress()
        inv.output.line("Seeded \(report.orders) orders (\(report.events) events) in \(String(format: "%.1f", report.seconds)) s into \(path) (seed \(seed)).")
        return 0
    }

    /// Creates the database file (and its folder) if it does not exist; true when this call
    /// created it, so a failure can remove exactly what it made.
    private static func createFile(_ path: String, mode: mode_t, shared: Bool) throws(CLIError) -> Bool {
        guard !FileFacts.isDirectory(path) else { throw .failed("\(path) is a folder, not a database file.") }
        if let problem = FileFacts.danglingLinkProblem(path) { throw .failed(problem) }
        if FileFacts.exists(path) { return false }
        try DatabaseLocation.prepareFolder(for: path, shared: shared)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw .failed("Cannot create \(path): \(String(cString: strerror(errno))).")
        }
        _ = fchmod(fd, mode)   // open() applied the umask
        close(fd)
        return true
    }

    private static func currentMode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }
}
