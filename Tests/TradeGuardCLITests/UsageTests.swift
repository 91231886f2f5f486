import Foundation
import Testing

/// The command table, --help on every command, and exit statuses for usage mistakes.
@Suite struct UsageTests {
    static let commands = ["init", "seed", "parties", "party", "activate", "rate", "orders", "order", "draft", "do",
                           "limits", "clock", "sweep", "check", "backup"]

    @Test func theBinaryIsFound() {
        #expect(!Binary.path.isEmpty, "build the package first (swift build); or set TRADEGUARD_BIN")
    }

    @Test func overviewListsEveryCommand() {
        let sandbox = Sandbox()
        let result = sandbox.raw(["--help"])
        #expect(result.status == 0)
        for command in Self.commands {
            #expect(result.stdout.contains("\n  \(command) "), "overview lacks \(command)")
        }
        #expect(sandbox.raw(["--version"]).stdout.hasPrefix("tradeguard "))
        #expect(sandbox.raw(["help", "do"]).stdout.hasPrefix("Usage: tradeguard do ACTION CODE"))
    }

    @Test(arguments: commands)
    func helpOnEveryCommand(_ command: String) {
        let sandbox = Sandbox()
        let result = sandbox.raw([command, "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("Usage: tradeguard \(command)"), "\(result)")
        #expect(result.stdout.contains("--db PATH"))
        #expect(result.stderr.isEmpty)
        #expect(!sandbox.exists(sandbox.db) && !sandbox.exists(sandbox.path("default-must-not-be-used.sqlite")))
    }

    @Test func unknownCommandAndOptionsAreUsageErrors() throws {
        let sandbox = try Sandbox().standardDatabase()
        let unknown = sandbox.raw(["frobnicate"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown command 'frobnicate'"))
        let option = sandbox.tg("parties", "--colour", "red")
        #expect(option.status == 2 && option.stderr.contains("Unknown option --colour."), "\(option)")
        #expect(option.stderr.contains("Run 'tradeguard parties --help'"))
        let format = sandbox.tg("parties", "--format", "xml")
        #expect(format.status == 2 && format.stderr.contains("--format must be table or json (got 'xml')."), "\(format)")
        let extra = sandbox.tg("check", "now")
        #expect(extra.status == 2 && extra.stderr.contains("Unexpected argument 'now'."), "\(extra)")
        let missingValue = sandbox.raw(["orders", "--db"])
        #expect(missingValue.status == 2 && missingValue.stderr.contains("--db needs a value."))
        let flagValue = sandbox.raw(["init", "--empty=yes", "--db", sandbox.path("x.sqlite")])
        #expect(flagValue.status == 2 && flagValue.stderr.contains("--empty takes no value."))
        #expect(!sandbox.exists(sandbox.path("x.sqlite")))
    }

    @Test func everyDataCommandRefusesAMissingDatabaseWithoutCreatingIt() {
        let sandbox = Sandbox()
        let missing = sandbox.path("nowhere/none.sqlite")
        let invocations: [[String]] = [["parties"], ["party", "points", "acme", "3"], ["rate", "list"], ["orders"],
                                       ["order", "TG-0000001"], ["do", "submit", "TG-0000001", "--as", "acme"],
                                       ["activate", "--as", "acme"], ["limits"], ["clock"], ["sweep"], ["check"], ["anchor"],
                                       ["backup", sandbox.path("b.sqlite")], ["draft", "--as", "acme", "--json", "-"]]
        for words in invocations {
            let result = sandbox.tg(words, stdin: ContractText.valid, db: missing)
            // `check` could not check anything: 2, kept apart from 1 (tampering found).
            #expect(result.status == (words == ["check"] ? 2 : 1), "\(words): \(result)")
            #expect(result.stderr == "tradeguard \(words[0]): No database at \(missing); run 'tradeguard init' (or 'tradeguard' to start with demo data).\n",
                    "\(words): \(result)")
            #expect(result.stdout.isEmpty)
        }
        #expect(!sandbox.exists(sandbox.path("nowhere")))
        #expect(!sandbox.exists(sandbox.path("b.sqlite")))
    }

    @Test func emptyOrUninitialisedFilesAreNotTouchedByReaders() {
        let sandbox = Sandbox()
        _ = FileManager.default.createFile(atPath: sandbox.db, contents: Data())
        let result = sandbox.tg("parties")
        #expect(result.status == 1 && result.stderr.contains("is empty, not an initialised TradeGuard database; run 'tradeguard init'"), "\(result)")
        #expect(sandbox.bytes(sandbox.db)?.count == 0)
    }
}
