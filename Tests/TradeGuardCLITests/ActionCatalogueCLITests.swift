import Foundation
import Testing
import TradeGuardApplication
import TradeGuardCore

/// `tradeguard do` reads the action catalogue: its help lists each action as the catalogue
/// describes it, and it takes exactly the options the catalogue gives each action.
@Suite struct ActionCatalogueCLITests {
    @Test func doHelpListsEveryActionOfTheCatalogue() throws {
        let sandbox = Sandbox()
        let help = sandbox.raw(["do", "--help"])
        #expect(help.status == 0)
        for entry in ActionCatalogue.all {
            let listed = help.stdout.contains("  " + entry.usage + " ") || help.stdout.contains("  " + entry.usage + "\n")
            #expect(listed == entry.inCommandLine, "\(entry.name)")
            if entry.inCommandLine { #expect(help.stdout.contains("\(entry.who):"), "\(entry.name)") }
        }
        // No line of the list of actions is wider than 100 columns.
        let list = help.stdout.components(separatedBy: "Actions:\n").last?.components(separatedBy: "\n\n").first ?? ""
        #expect(list.split(separator: "\n").count >= ActionCatalogue.commandLine.count)
        #expect(list.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    /// Every option of the catalogue is taken by its action and refused by the others, and a
    /// missing required one is asked for by the catalogue's placeholder.
    @Test func optionsAreTheCatalogues() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        let options = Set(ActionCatalogue.commandLine.flatMap { $0.fields.compactMap(\.option) })
        for entry in ActionCatalogue.commandLine {
            let item = entry.fields.contains { $0.kind == .checklistItem } ? ["marks"] : []
            for option in options.subtracting(entry.fields.compactMap(\.option)).sorted() {
                let result = sandbox.tg(["do", entry.name, code] + item + ["--as", "hanse", "--\(option)", "1"])
                #expect(result.status == 2 && result.stderr.contains("--\(option) does not apply to '\(entry.name)'."), "\(entry.name) --\(option): \(result.stderr)")
            }
            if let required = entry.fields.first(where: { $0.required && $0.option != nil }) {
                let result = sandbox.tg(["do", entry.name, code] + item + ["--as", "hanse"])
                #expect(result.status == 2 && result.stderr.contains("\(entry.name) needs --\(required.option!) \(required.placeholder)."),
                        "\(entry.name): \(result.stderr)")
            }
        }
        sandbox.expectClean()
    }
}
