import TradeGuardCore

/// The demo database: parties, rates and orders in every state, built by driving the real
/// workflow on a simulated clock — every row, event and ledger entry is one the app itself
/// would have written. Deadlines are placed relative to `now`, so "due tomorrow" and "overdue"
/// stay true whatever day the database is created.
public enum DemoData {
    /// How far back the demo's history starts.
    static let historyDays = 150

    /// Fills an empty, uninitialised store: it becomes a demo database whose clock ends at `now`.
    public static func build(into store: Store, now: Instant) throws {
        let saved = store.random
        store.random = .seeded(2026)
        defer { store.random = saved }
        // Start on a round hour so times in the demo read naturally.
        let end = Instant(secondsSinceEpoch: now.secondsSinceEpoch / 3_600 * 3_600)
        let start = end.adding(days: -historyDays)
        try store.initialise(kind: .demo, at: start)
        for party in DemoCast.parties { try store.addParty(party) }
        for (currency, rate) in DemoCast.rates {
            try store.setRate(try ExchangeRate.parse(rate, currency: currency, effective: start.utcDate))
        }
        for supplier in DemoCast.activeSuppliers { _ = try store.activate(supplier, as: .platform) }

        var timeline = DemoTimeline(start: start, end: end)
        DemoScenarios.add(to: &timeline)
        try timeline.run(on: store)
        if try store.now() < end { try store.setClock(to: end) }
        try store.sweep()
    }
}

/// Who is in the demo.
public enum DemoCast {
    static func handle(_ text: String) -> Handle { try! Handle(text) }
    static func day(_ text: String) -> CalendarDate { try! CalendarDate.parse(text) }

    static let bright = handle("shenzhen-bright")
    static let yiwu = handle("yiwu-crafts")
    static let saigon = handle("saigon-furniture")
    static let newcomer = handle("ningbo-homeware")
    static let newcomerActor = Actor.party(newcomer, .supplier)
    /// The two parties a split-screen walkthrough starts as.
    public static let defaultSeller = "shenzhen-bright"
    public static let defaultBuyer = try! Handle("hanse-kuechen")
    static let suspendedSupplier = saigon
    static let activeSuppliers = [bright, yiwu, saigon]

    static let hanse = handle("hanse-kuechen")
    static let tanaka = handle("tanaka-shoji")
    static let yildiz = handle("yildiz-tekstil")
    static let meihua = handle("meihua-trading")
    static let elegance = handle("boutique-elegance")
    static let austin = handle("austin-outdoor")

    static let parties: [Party] = [
        Party(handle: bright, kind: .supplier, name: "Shenzhen Bright Electronics Co., Ltd.", country: "CN",
              email: "export@bright.example", verification: .onsite, memberSince: day("2013-04-18")),
        Party(handle: yiwu, kind: .supplier, name: "Yiwu Crafts & Gifts Trading", country: "CN",
              email: "sales@yiwucrafts.example", verification: .licence, memberSince: day("2019-09-02")),
        Party(handle: saigon, kind: .supplier, name: "Saigon Furniture Export JSC", country: "VN",
              email: "trade@saigonfurniture.example", verification: .licence, memberSince: day("2017-01-23")),
        Party(handle: newcomer, kind: .supplier, name: "Ningbo Homeware Manufacturing", country: "CN",
              email: "hello@ningbohome.example", verification: .none, memberSince: day("2026-06-01")),
        Party(handle: hanse, kind: .buyer, name: "Hanse Küchen GmbH", country: "DE",
              email: "einkauf@hanse-kuechen.example", memberSince: day("2018-02-14")),
        Party(handle: tanaka, kind: .buyer, name: "株式会社田中商事", country: "JP",
              email: "boeki@tanaka-shoji.example", memberSince: day("2020-07-01")),
        Party(handle: yildiz, kind: .buyer, name: "Yıldız Ev Tekstili A.Ş.", country: "TR",
              email: "satinalma@yildiz.example", memberSince: day("2021-03-15")),
        Party(handle: meihua, kind: .buyer, name: "上海美华贸易有限公司", country: "CN",
              email: "purchase@meihua.example", memberSince: day("2016-11-11")),
        Party(handle: elegance, kind: .buyer, name: "Boutique Élégance SARL", country: "FR",
              email: "achats@elegance.example", memberSince: day("2022-05-09")),
        Party(handle: austin, kind: .buyer, name: "Austin Outdoor Supply LLC", country: "US",
              email: "buying@austinoutdoor.example", memberSince: day("2019-10-30")),
    ]

    static let rates: [(Currency, String)] = [(.eur, "0.92"), (.cny, "7.1"), (.jpy, "151.3"), (.gbp, "0.79"), (.hkd, "7.82")]
}
