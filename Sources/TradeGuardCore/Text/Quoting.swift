/// How user text appears inside a message: escaped, so a typed control or newline cannot act on
/// the terminal or forge a second line, and cut short, so a 100,000-character argument does
/// not flood the screen. Every message that quotes what a person typed goes through `quoted`.
extension TextRules {
    /// The most characters of user input a message quotes before "…".
    public static let quoteLimit = 80

    /// `text` with every character `isForbidden` refuses shown as `\u{…}` — newlines too,
    /// unless `allowNewlines` (for multi-line output the program itself composed).
    public static func escaped(_ text: String, allowNewlines: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" && !allowNewlines { out += "\\n"; continue }
            if isForbidden(scalar, allowNewlines: allowNewlines) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `'text'`, escaped, at most `quoteLimit` characters of it followed by "…".
    public static func quoted(_ text: String) -> String {
        "'" + shown(text) + "'"
    }

    /// The quoted form without the quotation marks: for paths and names a sentence already frames.
    public static func shown(_ text: String) -> String {
        guard text.count > quoteLimit else { return escaped(text) }
        return escaped(String(text.prefix(quoteLimit))) + "…"
    }
}
