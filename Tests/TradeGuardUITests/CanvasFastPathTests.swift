import Testing
@testable import TradeGuardUI

/// The canvas draws ASCII and "simple" text (every scalar its own grapheme) on fast paths that
/// skip grapheme breaking. They must put exactly the cells the general path puts.
struct CanvasFastPathTests {
    static let samples = [
        "Müller Trading GmbH", "Østergaard ApS", "佐藤商事", "タオル 5枚", "€32,987.00", "CN¥377,146.00", "JP¥5,132,850",
        "Yılmaz A.Ş.", "a · b — c", "Ελλάδα", "Москва", "─┼─", "ｆｕｌｌ", "plain ascii",
        // Not simple: combining marks, emoji sequences, kana sound marks, Hangul jamo.
        "e\u{301}te", "👍🏽 ok", "か\u{3099}", "\u{1100}\u{1161}", "🇩🇪 flag",
    ]

    /// The reference: one grapheme at a time, each measured alone.
    static func referenceCells(_ text: String, cols: Int, at col: Int) -> Canvas {
        var canvas = Canvas(rows: 1, cols: cols)
        var x = col
        for character in Sanitizer.clean(text) {
            x = canvas.put(String(character), row: 0, col: x)
        }
        return canvas
    }

    @Test(arguments: samples)
    func fastPathsPutTheSameCellsAsTheGeneralOne(_ text: String) {
        for col in [0, 3] {
            var canvas = Canvas(rows: 1, cols: 40)
            canvas.put(text, row: 0, col: col)
            #expect(canvas == Self.referenceCells(text, cols: 40, at: col), "\(text) at \(col)")
        }
    }

    @Test(arguments: samples)
    func widthIsTheSumOfTheGraphemesWidths(_ text: String) {
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    @Test func onlyTextWithoutJoiningScalarsIsSimple() {
        #expect(DisplayWidth.simpleWidth("佐藤商事") == 8)
        #expect(DisplayWidth.simpleWidth("€1.00") == 5)
        #expect(DisplayWidth.simpleWidth("e\u{301}") == nil)
        #expect(DisplayWidth.simpleWidth("か\u{3099}") == nil)
        #expect(DisplayWidth.simpleWidth("👍🏽") == nil)
        #expect(DisplayWidth.simpleWidth("a\u{200B}b") == nil)      // must be escaped by the sanitiser
        #expect(DisplayWidth.simpleWidth("soft\u{AD}hyphen") == nil)
    }

    @Test func aWideCharacterThatDoesNotFitLeavesABlank() {
        var canvas = Canvas(rows: 1, cols: 5)
        #expect(canvas.put("ab佐藤", row: 0, col: 0) == 4)
        #expect(canvas.line(0) == "ab佐")
        #expect(canvas[0, 4] == Cell(text: " ", role: .normal))
    }

    @Test func cellsWithCombiningMarksCompareByTheirWholeText() {
        let a = Cell(text: "e\u{301}", role: .normal)
        #expect(a.text == "e\u{301}")
        #expect(a == Cell(text: "e\u{301}", role: .normal))
        #expect(a != Cell(text: "e\u{300}", role: .normal))
        #expect(a != Cell(text: "e", role: .normal))
        #expect(!a.isContinuation)
    }

    @Test func aStoredRowIsPutBackWholeOrInOneRole() {
        var source = Canvas(rows: 1, cols: 6)
        source.put("ab佐", row: 0, col: 1, role: .money)
        var canvas = Canvas(rows: 2, cols: 6)
        canvas.setRow(1, to: source.cells)
        #expect(canvas.line(1) == " ab佐")
        #expect(canvas.roleLine(1)[2] == .money)
        canvas.setRow(0, to: source.cells, role: .selected)
        #expect(canvas.line(0) == " ab佐")
        #expect(canvas.roleLine(0).allSatisfy { $0 == .selected })
    }
}
