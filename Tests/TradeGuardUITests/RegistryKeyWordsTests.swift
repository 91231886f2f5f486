import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// What a screen tells a person to press names the key the registry binds now (issue 22): with
/// keys.conf rebinding them, the Limits tab, an empty Disputes tab and a filter matching
/// nothing name the new keys, not the defaults.
struct RegistryKeyWordsTests {
    /// A supplier that has not turned credit protection on, in the demo database.
    static func newSupplierApp(bindings: String?) throws -> (UIFixture.Folder, AppModel) {
        let (folder, store) = try UIFixture.demo()
        try store.addParty(Party(handle: try Handle("fresh-supplier"), kind: .supplier, name: "Fresh Supplier Ltd", country: "CN",
                                 email: "hello@fresh.example", verification: .none, memberSince: try CalendarDate.parse("2026-11-01")))
        let app = try AppModel(store: store, as: try Handle("fresh-supplier"), time: .utc, uptime: { 0 },
                               keyBindings: bindings.map { (text: $0, file: "keys.conf") })
        app.size = (30, 120)
        return (folder, app)
    }

    static let rebound = """
        limits.activate = C-a
        order.dispute = C-o
        filter.clear = C-l
        """

    /// The bindings, and the keys the screens should then name (activate, dispute, clear).
    static let cases: [(String?, [String])] = [(nil, ["A", "!", "Esc"]), (rebound, ["C-a", "C-o", "C-l"])]

    @Test(arguments: cases)
    func screensNameTheKeysBoundNow(_ bindings: String?, _ keys: [String]) throws {
        let (folder, app) = try Self.newSupplierApp(bindings: bindings)
        defer { withExtendedLifetime(folder) {} }

        app.handle(.character("2"))                      // Limits
        #expect(app.render().text.contains("Credit protection is not activated: press \(keys[0]) to turn it on"), "\(app.render().text)")
        // The key named turns it on.
        app.handle(bindings == nil ? .character("A") : .control("a"))
        #expect(app.toast?.text.hasPrefix("Credit protection is on: limit") == true, "\(app.toast?.text ?? "no message")")

        app.handle(.character("8"))                      // Disputes: none yet
        #expect(app.render().text.contains("No open disputes. A buyer opens one with \(keys[1]) on a paid order."), "\(app.render().text)")

        app.handle(.character("7"))                      // Orders, filtered to nothing
        app.handle(.character("/"))
        for c in "zzqx" { app.handle(.character(c)) }
        app.handle(.enter)
        #expect(app.render().text.contains("Nothing matches 'zzqx'. \(keys[2]) clears the filter."), "\(app.render().text)")
        // The key named clears it.
        app.handle(bindings == nil ? .escape : .control("l"))
        #expect(app.workspace?.loadedCurrentList?.filter == "")
    }

    /// The filter's prompt is the key that opened it, and the help's close command names no key
    /// in its title (the help lists its keys beside it).
    @Test func theFilterPromptIsItsKey() throws {
        let (folder, app) = try Self.newSupplierApp(bindings: "filter.start = C-t")
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))
        app.handle(.control("t"))
        for c in "zzqx" { app.handle(.character(c)) }
        let status = app.render().text.split(separator: "\n").last(where: { $0.contains("zzqx") }).map(String.init) ?? ""
        #expect(status.hasPrefix(" C-t zzqx"), "\(status)")
        #expect(app.registry.command(named: "help.close")?.title.contains("?") == false)
    }
}
