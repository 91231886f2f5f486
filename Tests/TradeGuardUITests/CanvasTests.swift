import Testing
@testable import TradeGuardUI

struct CanvasTests {
    @Test func wideCharactersTakeTwoColumnsAndAreNeverSplit() {
        var canvas = Canvas(rows: 1, cols: 7)
        let end = canvas.put("日本語", row: 0, col: 0)
        #expect(end == 6)
        #expect(canvas.line(0) == "日本語")
        #expect(canvas[0, 1].isContinuation)
        // Only one column left: the next wide glyph does not fit and leaves a blank, not half a glyph.
        var clipped = Canvas(rows: 1, cols: 5)
        clipped.put("日本語", row: 0, col: 0)
        #expect(clipped.line(0) == "日本")
        #expect(clipped[0, 4].text == " ")
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("日本語", row: 0, col: 0)
        canvas.put("x", row: 0, col: 1)   // the right half of 日
        #expect(canvas.line(0) == " x本語")
        canvas.put("y", row: 0, col: 2)   // the left half of 本
        #expect(canvas.line(0) == " xy 語")
    }

    @Test func emojiAndCombiningMarks() {
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)     // é as e + combining acute
        #expect(DisplayWidth.of("Grüße") == 5)
        #expect(DisplayWidth.of("株式会社") == 8)
        var canvas = Canvas(rows: 1, cols: 10)
        canvas.put("🎉 e\u{301}!", row: 0, col: 0)
        #expect(canvas.line(0) == "🎉 e\u{301}!")
        #expect(canvas[0, 3].text == "e\u{301}")
    }

    @Test func truncationAndPaddingByDisplayWidth() {
        #expect(DisplayWidth.truncate("株式会社田中商事", to: 9) == "株式会社…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("株式会社田中商事", to: 9)) == 9)
        #expect(DisplayWidth.pad("東京", to: 6) == "東京  ")
        #expect(DisplayWidth.pad("42", to: 5, alignRight: true) == "   42")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func clipsAtEveryEdge() {
        var canvas = Canvas(rows: 2, cols: 4)
        canvas.put("abcdef", row: 0, col: 2)
        canvas.put("zzz", row: 5, col: 0)
        canvas.put("qq", row: 1, col: -1)
        #expect(canvas.text == "  ab\nq")
        canvas.fill(row: -3, col: -3, height: 100, width: 100, role: .selected)
        #expect(canvas.roleLine(1).allSatisfy { $0 == .selected })
    }
}

/// Hostile text in data must reach the terminal inert: no byte of an escape sequence survives.
struct SanitizerTests {
    @Test(arguments: [
        "\u{1B}[2J\u{1B}[H", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{1B}]8;;http://x\u{1B}\\link", "a\u{9B}31mred",
        "admin\u{202E}gnp.exe", "zero\u{200B}width", "nul\u{0}byte", "cr\roverwrite", "bell\u{07}", "tab\there",
    ])
    func controlAndInvisibleCharactersAreEscaped(_ hostile: String) {
        var canvas = Canvas(rows: 1, cols: 80)
        canvas.put(hostile, row: 0, col: 0)
        let shown = canvas.line(0)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || $0.value == 0x200B })
        #expect(shown.contains("\\u{"))
    }

    @Test func escapesAreReadable() {
        #expect(Sanitizer.clean("x\u{1B}[31m") == "x\\u{1B}[31m")
        #expect(Sanitizer.clean("plain Grüße 東京") == "plain Grüße 東京")
        let flood = "e" + String(repeating: "\u{301}", count: 1_000)
        #expect(Sanitizer.clean(flood).unicodeScalars.count == 5)
    }
}
