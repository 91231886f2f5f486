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
        if let width = simpleWidth(text) { return width }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The width of `text` when every scalar in it is a grapheme of its own that needs no
    /// escaping and takes one or two columns — accented Latin, currency signs, box drawing,
    /// CJK and kana: the non-ASCII text of nearly every screen (names, €, ¥, ·). Such text can
    /// be measured and drawn scalar by scalar, without grapheme breaking. Nil otherwise.
    public static func simpleWidth(_ text: String) -> Int? {
        _ = isUTF8
        var total = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard isSimple(v) else { return nil }
            let width = v < 0x7F ? 1 : Int(ctw_wcwidth(v))
            guard width == 1 || width == 2 else { return nil }
            total += width
        }
        return total
    }

    /// Scalars that never join their neighbours into one grapheme (no combining marks, joiners,
    /// variation selectors, emoji modifiers, regional indicators, Hangul jamo) and that the
    /// sanitiser leaves alone.
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E: return true
        case 0xA0...0x2FF: return v != 0xAD                       // Latin-1 and Latin extended; not the soft hyphen
        case 0x370...0x3FF, 0x400...0x482, 0x48A...0x52F: return true   // Greek, Cyrillic (not its combining marks)
        case 0x2010...0x2027, 0x2030...0x205E: return true       // punctuation (not the zero-width and bidi controls)
        case 0x20A0...0x20C0, 0x2100...0x214F, 0x2190...0x21FF: return true   // currency, letterlike, arrows
        case 0x2500...0x25FF: return true                        // box drawing, blocks, geometric shapes
        case 0x3000...0x303F: return v < 0x302A || v > 0x302F   // CJK punctuation, not its tone marks
        case 0x3040...0x30FF: return v != 0x3099 && v != 0x309A // kana, not the combining sound marks
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true   // CJK ideographs, Hangul syllables
        case 0xFF01...0xFF60: return true                        // full-width forms
        default: return false
        }
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
