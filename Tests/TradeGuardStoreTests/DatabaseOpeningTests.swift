import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The one open policy both front ends use: what is refused before SQLite is asked, and in
/// which words; a refused file is left as it was.
@Suite struct DatabaseOpeningTests {
    static func refusal(_ path: String, _ purpose: DatabaseOpening.Purpose) -> String? {
        do {
            let opened = try DatabaseOpening.open(path, for: purpose)
            opened.store.close()
            return nil
        } catch let refused as DatabaseOpening.Refused {
            return refused.description
        } catch {
            return "not a refusal: \(error)"
        }
    }

    @Test(arguments: [DatabaseOpening.Purpose.read, .write, .app])
    func aFolderOrAnEmptyFileIsRefusedInTheSameWordsForEveryone(_ purpose: DatabaseOpening.Purpose) throws {
        let folder = try TestFolder()
        let sub = folder.path("folder.sqlite")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        #expect(Self.refusal(sub, purpose) == "\(sub) is a folder, not a database file.")
        let empty = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        #expect(Self.refusal(empty, purpose)
                == "The file \(empty) is empty, not an initialised TradeGuard database; run 'tradeguard init' to set it up.")
        #expect(FileFacts.size(empty) == 0 && !FileFacts.exists(empty + "-wal"), "nothing was made beside it")
    }

    @Test func aSubcommandNeverCreatesAndSaysWhereToStart() throws {
        let folder = try TestFolder()
        let missing = folder.path("missing.sqlite")
        #expect(Self.refusal(missing, .read) == "No database at \(missing); run 'tradeguard init' (or 'tradeguard' to start with demo data).")
        #expect(!FileFacts.exists(missing))
        let link = folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path("gone"))
        #expect(Self.refusal(link, .write)?.hasPrefix("\(link) is a symbolic link to \(folder.path("gone")), which does not exist") == true)
    }

    @Test func anUninitialisedDatabaseIsRefusedForSubcommands() throws {
        let folder = try TestFolder()
        let path = folder.path("bare.sqlite")
        Store.closeAfter(try Store(path: path))   // schema, but no settings row
        #expect(Self.refusal(path, .read) == "The database at \(path) has not been initialised; run 'tradeguard init'.")
    }

    @Test func aTradeGuardDatabaseOpensWritableForEveryPurpose() throws {
        let t = try TestStore()
        t.store.close()
        for purpose in [DatabaseOpening.Purpose.read, .write, .app] {
            let opened = try DatabaseOpening.open(t.path, for: purpose)
            defer { opened.store.close() }
            #expect(opened.readOnlyReason == nil && !opened.store.isReadOnly)
            #expect(try opened.store.allParties().count >= 2)
        }
    }
}

/// The one mapping from errors to sentences, for the app's notices and the CLI's stderr.
@Suite struct ErrorSentenceTests {
    @Test func sqliteErrorsReadAsTheStoresSentences() {
        let busy = SQLiteError(extendedCode: SQLiteError.Code.busy, message: "database is locked")
        #expect(ErrorSentence.describe(busy) == StoreError.busy.description)
        let full = SQLiteError(extendedCode: 13, message: "database or disk is full")   // SQLITE_FULL
        #expect(ErrorSentence.describe(full) == "The disk is full; nothing was saved — free some space and try again.")
        #expect(ErrorSentence.describe(StoreError.orderNotFound(OrderCode(number: 7))) == "There is no order TG-0000007.")
    }

    @Test func anInterruptIsNotAFailure() {
        let interrupt = SQLiteError(extendedCode: SQLiteError.Code.interrupt, message: "interrupted")
        #expect((StoreError.wrap(interrupt) as? SQLiteError)?.isInterrupted == true, "passed as is, for the caller to recognise")
    }

    @Test func aSentenceEndsAsOne() {
        #expect(ErrorSentence.sentence("Database error: disk I/O error") == "Database error: disk I/O error.")
        #expect(ErrorSentence.sentence("Try again.") == "Try again.")
        #expect(ErrorSentence.sentence("  (see check)\n") == "(see check)")
        #expect(ErrorSentence.sentence(" ") == "Something went wrong.")
    }
}

extension Store {
    fileprivate static func closeAfter(_ store: Store) { store.close() }
}
