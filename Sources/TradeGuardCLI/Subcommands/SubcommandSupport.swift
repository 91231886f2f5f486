import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardUI

extension Invocation {
    var positionals: [String] { arguments.positionals }

    func value(_ name: String) -> String? { arguments.value(name) }

    /// The database path from `--db` or the default location.
    func databasePath() throws(CLIError) -> String {
        try DatabaseLocation.resolve(explicit: arguments.value("db"), environment: environment)
    }

    /// Opens an existing, initialised database (`DatabaseOpening`, the policy the app shares).
    /// Never creates one: a missing file is refused with a pointer to `init`, and every open
    /// error becomes one sentence.
    func openStore(_ purpose: DatabaseOpening.Purpose, timeSource: TimeSource = SystemTimeSource()) throws -> Store {
        let path = try databasePath()
        do {
            let store = try DatabaseOpening.open(path, for: purpose, timeSource: timeSource).store
            // A session's writes carry its key (checked again inside each write transaction).
            if let session {
                store.attribution = .key(fingerprint: session.fingerprint)
                SessionBenchReport.reportCommits(of: store, environment: environment)   // a no-op outside `bench --hosted`
            }
            return store
        } catch let refused as DatabaseOpening.Refused {
            throw CLIError.failed(refused.description)
        }
    }

    /// Runs `body` with an open store and always closes it (checkpointing the WAL).
    /// `.read` never needs write access: it falls back to an immutable read-only open when the
    /// file or its folder cannot be written.
    func withStore<T>(_ purpose: DatabaseOpening.Purpose, _ body: (Store) throws -> T) throws -> T {
        let store = try openStore(purpose)
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

    /// The store's sentence for `error` (one mapping for both front ends), ending as a sentence.
    static func describe(_ error: Error) -> String {
        if let error = error as? CLIError { return error.message }
        return sentence(ErrorSentence.describe(error))
    }

    /// `text` with closing punctuation: a line on stderr reads as a sentence.
    static func sentence(_ text: String) -> String { ErrorSentence.sentence(text) }
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

    /// Display columns as the terminal counts them: the full-screen app's own measure, so a
    /// table lines up the same wherever it is shown.
    static func columns(_ text: String) -> Int { DisplayWidth.of(text) }

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
