import CTextWidth

/// Text measured in terminal columns, with the C library's `wcwidth` — the same table ncurses
/// uses, so the in-memory canvas and the real terminal agree on every layout.
public enum DisplayWidth {
    /// Sets the process locale once (UTF-8, falling back to C.UTF-8 when the environment names
    /// none, as in CI). `setlocale` is process-wide and not thread-safe, hence a `static let`.
    public static let isUTF8: Bool = ctw_setup_locale() != 0

    /// Columns taken by one grapheme: 0 for a lone combining mark, 2 for CJK and emoji, else 1.
    /// Unprintable scalars never reach here (the sanitiser escapes them first), but count as 1.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII is one column: no table lookup for the bulk of every frame.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        _ = isUTF8
        guard let first = character.unicodeScalars.first else { return 0 }
        // An emoji presentation selector makes a text-default symbol two columns wide.
        if character.unicodeScalars.contains("\u{FE0F}") { return 2 }
        let width = Int(ctw_wcwidth(first.value))
        if width < 0 { return 1 }
        if width == 0 {
            // Only a mark without a base joins the previous cell; anything else takes one.
            let category = first.properties.generalCategory
            return category == .nonspacingMark || category == .enclosingMark ? 0 : 1
        }
        return width
    }

    /// Columns taken by a whole string.
    public static func of(_ text: String) -> Int {
        if Sanitizer.isPrintableASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix that fits in `columns`, never splitting a wide character, plus its width.
    public static func prefix(_ text: String, fitting columns: Int) -> (String, Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(text[index])
            if used + width > columns { break }
            used += width
            end = text.index(after: index)
        }
        return (String(text[..<end]), used)
    }

    /// `text` cut to `columns` with an ellipsis when it does not fit.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        return prefix(text, fitting: columns - 1).0 + "…"
    }

    /// `text` padded with spaces (or truncated) to exactly `columns`.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        // Measured once when it fits (nearly always): every queue cell passes through here.
        let width = of(text)
        let cut = width <= columns ? text : truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - (width <= columns ? width : of(cut))))
        return alignRight ? fill + cut : cut + fill
    }
}
