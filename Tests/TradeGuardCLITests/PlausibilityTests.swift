import Foundation
import Testing

/// Issue 19 items 2 and 4: values that parse but cannot be true — an exchange rate far from any
/// real one, a membership that starts in the future, a country code no country has — are
/// refused with the rule in the sentence, and nothing is written.
@Suite struct PlausibilityTests {
    @Test func implausibleRatesAreRefusedWithTheBand() throws {
        let sandbox = try Sandbox().standardDatabase()
        let absolute = sandbox.tg("rate", "set", "EUR", "0.000001")
        #expect(absolute.status == 1, "\(absolute)")
        #expect(absolute.stderr.contains("A EUR rate of 0.000001 per US$1 is outside the plausible band of 0.01 to 1000000 per US$1; nothing was changed."),
                "\(absolute)")
        #expect(sandbox.tg("rate", "set", "EUR", "0.92", "--date", "2026-11-01").status == 0)
        let relative = sandbox.tg("rate", "set", "EUR", "1000", "--date", "2026-11-20")
        #expect(relative.status == 1, "\(relative)")
        #expect(relative.stderr.contains("A EUR rate of 1000 per US$1 is more than 1000 times away from the rate in force, 0.92 (effective 2026-11-01): "
                                         + "it must be from 0.00092 to 920; nothing was changed."), "\(relative)")
        #expect(sandbox.tg("rate", "set", "EUR", "0.85").status == 0, "an ordinary move is accepted")
        let list = sandbox.tg("rate", "list")
        #expect(list.stdout.contains("0.85") && !list.stdout.contains("1000"), "\(list)")
        sandbox.expectClean()
    }

    @Test func aMembershipCannotStartInTheFuture() throws {
        let sandbox = try Sandbox().standardDatabase()
        // The fixture's simulated clock is 2026-11-27, whatever today is outside.
        let add = sandbox.tg("party", "add", "zed", "--kind", "buyer", "--name", "Zed", "--country", "DE", "--email", "z@z.example",
                             "--member-since", "2026-11-28")
        #expect(add.status == 1, "\(add)")
        #expect(add.stderr.contains("Member since 2026-11-28 is in the future: it is 2026-11-27 on this database's clock."), "\(add)")
        let edit = sandbox.tg("party", "edit", "hanse", "--member-since", "2027-01-01")
        #expect(edit.status == 1 && edit.stderr.contains("Member since 2027-01-01 is in the future"), "\(edit)")
        let today = sandbox.tg("party", "edit", "hanse", "--member-since", "2026-11-27")
        #expect(today.status == 0, "\(today)")
        #expect(sandbox.tg("parties").stdout.contains("zed") == false)
    }

    @Test func countryCodesMustBeAssignedISOCodes() throws {
        let sandbox = try Sandbox().standardDatabase()
        for code in ["XX", "QQ", "UK", "EU"] {
            let result = sandbox.tg("party", "add", "zed", "--kind", "buyer", "--name", "Zed", "--country", code, "--email", "z@z.example")
            #expect(result.status == 1, "\(code): \(result)")
            #expect(result.stderr.contains("'\(code)' is not an assigned ISO 3166-1 alpha-2 country code"), "\(code): \(result)")
        }
        let edit = sandbox.tg("party", "edit", "hanse", "--country", "ZZ")
        #expect(edit.status == 1 && edit.stderr.contains("'ZZ' is not an assigned ISO 3166-1 alpha-2 country code"), "\(edit)")
        let good = sandbox.tg("party", "add", "zed", "--kind", "buyer", "--name", "Zed", "--country", "gb", "--email", "z@z.example")
        #expect(good.status == 0 && good.stdout.contains("GB"), "\(good)")
    }
}
