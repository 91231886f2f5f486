import Testing
@testable import TradeGuardCore

/// What a person types finds what is stored, whatever the case, accents or width (issue 19).
struct SearchFoldingTests {
    @Test(arguments: [
        ("Yıldız Ev Tekstili A.Ş.", "yildiz ev tekstili a.s."),
        ("Boutique Élégance SARL", "boutique elegance sarl"),
        ("Hanse Küchen GmbH", "hanse kuchen gmbh"),
        ("Straße", "strasse"), ("Łódź", "lodz"), ("Ørsted", "orsted"),
        ("ＡＢＣ１２３", "abc123"), ("株式会社田中商事", "株式会社田中商事"),
        ("TG-0000042", "tg-0000042"),
    ])
    func foldsCaseAccentsAndWidth(_ pair: (String, String)) {
        #expect(SearchFolding.fold(pair.0) == pair.1)
    }

    @Test func typedAndStoredSpellingsMeet() {
        for (typed, stored) in [("Yildiz", "Yıldız"), ("Elegance", "Élégance"), ("kuchen", "Küchen"), ("KÜCHEN", "küchen")] {
            #expect(SearchFolding.fold(typed) == SearchFolding.fold(stored), "\(typed) vs \(stored)")
        }
    }

    @Test func shortPiecesCoverOneAndTwoCharacterWordsOfUnspacedScriptsOnly() {
        let grams = SearchFolding.shortGrams(SearchFolding.fold("株式会社田中 LED 智能插座"))
        #expect(grams.contains("田中") && grams.contains("智能") && grams.contains("田") && grams.contains("座"))
        #expect(!grams.contains("社 ") && !grams.contains("le") && !grams.contains("中l"))
        #expect(SearchFolding.isShortUnspaced("智能") && SearchFolding.isShortUnspaced("田"))
        #expect(!SearchFolding.isShortUnspaced("ab") && !SearchFolding.isShortUnspaced("智能插") && !SearchFolding.isShortUnspaced("田a"))
    }

    @Test func aDocumentHoldsEveryFieldAPersonSearchesBy() {
        let document = SearchDocument(code: "TG-0000007", supplierHandle: "shenzhen-bright", supplierName: "Shenzhen Bright",
                                      buyerHandle: "tanaka-shoji", buyerName: "株式会社田中商事", state: .inProduction,
                                      lines: ["智能插座", "LED Panel"], carrier: "Maersk", tracking: "MAEU1234567")
        for piece in ["tg-0000007", "shenzhen-bright", "tanaka-shoji", "in production", "led panel", "maersk", "maeu1234567"] {
            #expect(document.text.contains(piece), "\(piece)")
        }
        #expect(document.grams.contains("田中") && document.grams.contains("智能"))
    }
}
