import Foundation
import TradeGuardCore
import TradeGuardStore

/// What a command means to do with the database: a read never needs write access (it falls
/// back to an immutable read-only open when the file or its folder cannot be written).
enum Access { case read, write }

extension Invocation {
    var positionals: [String] { arguments.positionals }

    func value(_ name: String) -> String? { arguments.value(name) }

    /// The database path from `--db` or the default location.
    func databasePath() throws(CLIError) -> String {
        try DatabaseLocation.resolve(explicit: arguments.value("db"), environment: environment)
    }

    /// Opens an existing, initialised database. Never creates one: a missing file is refused
    /// with a pointer to `init`, and every open error becomes one sentence.
    func openStore(_ access: Access, timeSource: TimeSource = SystemTimeSource()) throws -> Store {
        let path = try databasePath()
        if let problem = DatabaseLocation.danglingLinkProblem(path) { throw CLIError.failed(problem) }
        guard DatabaseLocation.fileExists(path) else {
            throw CLIError.failed("No database at \(path); run 'tradeguard init' (or 'tradeguard' to start with demo data).")
        }
        guard !DatabaseLocation.isDirectory(path) else { throw CLIError.failed("\(path) is a folder, not a database file.") }
        if DatabaseLocation.fileSize(path) == 0 {
            throw CLIError.failed("The file \(path) is empty, not an initialised TradeGuard database; run 'tradeguard init' to set it up.")
        }
        try FileAccess.require(access, path: path)
        let store: Store
        do {
            store = try Store(path: path, create: false, timeSource: timeSource)
        } catch let error as StoreOpenError {
            throw CLIError.failed(error.description)
        } catch let error as SQLiteError {
            // Damage found on open goes on record like damage found by check.
            if error.isCorrupt { DamageMarker.record(["the file could not be opened: \(error.message)"], for: path) }
            // A file we may read but not write, in a folder where SQLite cannot create its
            // -shm file: readable only as immutable (DESIGN §8). Writes are refused plainly.
            guard access == .read, let fallback = try? Store(path: Database.immutableURI(path: path), readOnly: true,
                                                              create: false, timeSource: timeSource) else {
                if error.isFull || error.isFileTooLarge { throw CLIError.failed(StoreError.database(error).description) }
                if error.isReadOnly || error.code == SQLiteError.Code.cantOpen {
                    throw CLIError.failed("The database at \(path) cannot be opened for writing (the file or its folder is read-only); nothing was changed.")
                }
                throw CLIError.failed("Cannot open the database at \(path): \(error.message).")
            }
            store = fallback
        }
        if let session { store.attribution = .key(fingerprint: session.fingerprint) }
        do {
            guard try store.isInitialised() else {
                store.close()
                throw CLIError.failed("The database at \(path) has not been initialised; run 'tradeguard init'.")
            }
        } catch let error as CLIError {
            throw error
        } catch {
            store.close()
            throw CLIError.failed(Failure.describe(error))
        }
        return store
    }

    /// Runs `body` with an open store and always closes it (checkpointing the WAL).
    func withStore<T>(_ access: Access, _ body: (Store) throws -> T) throws -> T {
        let store = try openStore(access)
        defer { store.close() }
        do { return try body(store) } catch { throw Failure.cliError(error) }
    }

    /// `--as HANDLE` as an actor, checked against the parties table. nil when not given.
    func actor(in store: Store, required: Bool = false, command: String) throws -> Actor? {
        guard let text = value("as") else {
            if required { throw CLIError.usage("\(command) needs --as HANDLE: who is acting ('tradeguard parties' lists the handles).") }
            return nil
        }
        let handle: Handle
        do { handle = try Handle(text) } catch { throw CLIError.usage("--as: \(error.description)") }
        let record = try store.party(handle)
        try OnBehalf.apply(self, store: store, party: record)
        return .party(record.handle, record.party.kind)
    }

    /// `--format`, checked against the formats a command offers (the first is the default).
    func format(_ allowed: [String]) throws(CLIError) -> String {
        guard let text = value("format") else { return allowed[0] }
        guard allowed.contains(text) else {
            throw .usage("--format must be \(Text.list(allowed, or: true)) (got \(TextRules.quoted(text))).")
        }
        return text
    }

    /// Refuses positionals beyond `count` (or fewer than `minimum`).
    func requirePositionals(_ names: [String], optional: Int = 0) throws(CLIError) {
        let required = names.count - optional
        if positionals.count < required {
            throw .usage("Missing \(names[positionals.count]).")
        }
        if positionals.count > names.count {
            throw .usage("Unexpected argument \(TextRules.quoted(positionals[names.count])).")
        }
    }
}

/// Turns whatever a store call threw into the one sentence a person reads.
enum Failure {
    static func cliError(_ error: Error) -> CLIError {
        if let error = error as? CLIError { return error }
        return .failed(describe(error))
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let error as CLIError: return error.message
        case let error as StoreError: return sentence(error.description)
        case let error as StoreOpenError: return sentence(error.description)
        case let error as SQLiteError:
            return sentence(error.isBusy ? StoreError.busy.description : StoreError.database(error).description)
        case let error as Refusal: return sentence(error.description)
        case let error as CustomStringConvertible: return sentence(error.description)
        default: return sentence("\(error)")
        }
    }

    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return "Something went wrong." }
        return ".!?)".contains(last) ? trimmed : trimmed + "."
    }
}

/// Small text helpers shared by the commands.
enum Text {
    /// "a, b or c".
    static func list(_ items: [String], or: Bool = false) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }

    /// Stored text made safe for a terminal: anything TextRules would refuse (control, bidi,
    /// zero-width characters) is shown as an escape instead of acting on the terminal.
    static func safe(_ text: String, newlines: Bool = false) -> String {
        TextRules.escaped(text, allowNewlines: newlines)
    }

    /// "2026-11-27 09:30 UTC" — the CLI shows instants in UTC so output does not depend on
    /// the reader's time zone (JSON uses ISO 8601).
    static func time(_ instant: Instant?) -> String {
        guard let instant else { return "—" }
        let iso = instant.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    static func money(_ money: Money?) -> String { money.map(MoneyFormat.display) ?? "—" }

    /// Pads to `width` characters (left-aligned, or right-aligned for numbers). Values wider
    /// than the column are kept whole; the columns after them shift, nothing is lost.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = columns(text)
        guard count < width else { return text }
        let fill = String(repeating: " ", count: width - count)
        return right ? fill + text : text + fill
    }

    /// Display columns, roughly as a terminal counts them: East Asian wide and fullwidth
    /// characters (CJK, Hangul, fullwidth forms) and most emoji take two, combining marks none.
    static func columns(_ text: String) -> Int {
        var total = 0
        for character in text {
            guard let first = character.unicodeScalars.first else { continue }
            let v = first.value
            if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark { continue }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
                || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
            total += wide ? 2 : 1
        }
        return total
    }

    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }
}

/// Strict parsing of argument values; a malformed value is a usage error (exit 2).
enum ArgumentValue {
    static func integer(_ text: String, name: String, range: ClosedRange<Int>) throws(CLIError) -> Int {
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(digits) else {
            throw .usage("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(TextRules.quoted(text))).")
        }
        guard range.contains(value) else {
            throw .usage("\(name) must be from \(range.lowerBound) to \(range.upperBound) (got \(value)).")
        }
        return value
    }

    static func amount(_ text: String, name: String, currency: Currency, allowZero: Bool = false) throws(CLIError) -> Money {
        do { return try AmountParser.parse(text, currency: currency, allowZero: allowZero) } catch {
            throw .usage("\(name) \(TextRules.quoted(text)): \(error.description)")
        }
    }

    static func date(_ text: String, name: String) throws(CLIError) -> CalendarDate {
        do { return try CalendarDate.parse(text) } catch { throw .usage("\(name): \(error.description)") }
    }

    static func handle(_ text: String, name: String) throws(CLIError) -> Handle {
        do { return try Handle(text) } catch { throw .usage("\(name): \(error.description)") }
    }

    static func orderCode(_ text: String) throws(CLIError) -> OrderCode {
        guard let code = OrderCode(text) else {
            throw .usage("\(TextRules.quoted(text)) is not an order code; write it as TG- and at least seven digits, e.g. TG-0000042.")
        }
        return code
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, name: String, _ type: T.Type) throws(CLIError) -> T
        where T.RawValue == String {
        if let exact = T(rawValue: text) { return exact }
        if let loose = T.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { return loose }
        throw .usage("\(name) must be \(Text.list(T.allCases.map(\.rawValue), or: true)) (got \(TextRules.quoted(text))).")
    }
}
