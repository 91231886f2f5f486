import TradeGuardCore

/// Makes stored text inert on a terminal: control characters (ESC, C1, NUL …), bidi overrides
/// and zero-width characters are shown escaped, e.g. `\u{1B}`, so nothing in the data can move
/// the cursor, change colours, set the clipboard (OSC 52) or reorder what is read. Text that
/// reached the database by another route is shown as harmless as text typed here.
public enum Sanitizer {
    public static func clean(_ text: String) -> String {
        // Fastest path, taken by nearly every cell of every frame: printable ASCII only.
        if isPrintableASCII(text) { return text }
        // Next: accented names, currency signs, CJK — nothing to escape, nothing combining.
        if DisplayWidth.simpleWidth(text) != nil { return text }
        // Fast path: most text has nothing to escape.
        if !text.unicodeScalars.contains(where: needsEscape) { return collapseCombiningRuns(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return collapseCombiningRuns(String(out))
    }

    /// Like `clean`, keeping line breaks (remarks, notes): the caller lays the lines out.
    public static func clean(multiline text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    /// True when every byte is a printable ASCII character (space to tilde): nothing to escape,
    /// no combining marks, one column per byte. (The same scan TextRules uses on input.)
    @inline(__always)
    public static func isPrintableASCII(_ text: String) -> Bool { TextRules.asciiShape(text) != nil }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        // Newlines and tabs in stored text are escaped too: a row is one line.
        TextRules.isForbidden(scalar)
    }

    /// A flood of combining marks stacks glyphs over neighbouring lines in some terminals; keep
    /// at most 4 on any base character.
    static func collapseCombiningRuns(_ text: String) -> String {
        // Combining marks start at U+0300: the category lookup is only paid for scalars above it.
        guard text.unicodeScalars.contains(where: { $0.value >= 0x300 && $0.properties.generalCategory == .nonspacingMark }) else { return text }
        var out = String.UnicodeScalarView()
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                run += 1
                if run > 4 { continue }
            } else {
                run = 0
            }
            out.append(scalar)
        }
        return String(out)
    }
}
