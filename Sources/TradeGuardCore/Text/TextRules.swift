/// What text a person may store: no characters that could move a cursor, talk to the terminal,
/// reorder what others read, or hide. Refused on input with the offending character named.
public enum TextRules {
    /// Characters that can never be stored: C0/C1 controls (ESC, NUL, CR, BS …), DEL, bidi
    /// overrides and isolates, zero-width characters and other invisible format characters.
    public static func isForbidden(_ scalar: Unicode.Scalar, allowNewlines: Bool = false) -> Bool {
        let v = scalar.value
        if allowNewlines && v == 0x0A { return false }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        switch v {
        case 0x200B...0x200F,          // zero-width space/non-joiner/joiner, LRM, RLM
             0x202A...0x202E,          // bidi embeddings and overrides
             0x2060...0x2064,          // word joiner, invisible operators
             0x2066...0x2069,          // bidi isolates
             0xFEFF,                   // zero-width no-break space (BOM)
             0xFFF9...0xFFFB,          // interlinear annotations
             0xD800...0xDFFF:          // surrogates (cannot occur in Swift strings, kept for clarity)
            return true
        default:
            return false
        }
    }

    /// Length and blankness of text made only of printable ASCII (and newlines when allowed);
    /// nil for anything else.
    public static func asciiShape(_ text: String, allowNewlines: Bool = false) -> (length: Int, blank: Bool)? {
        var text = text
        return text.withUTF8 { bytes -> (length: Int, blank: Bool)? in
            var blank = true
            for byte in bytes {
                if byte == 0x0A && allowNewlines { continue }
                guard byte >= 0x20 && byte < 0x7F else { return nil }
                if byte != 0x20 { blank = false }
            }
            return (bytes.count, blank)
        }
    }

    /// Checks one field. `required` refuses empty or whitespace-only text.
    public static func validate(_ text: String, field: String, maxLength: Int, required: Bool = true,
                                allowNewlines: Bool = false) throws(TextError) -> String {
        // Printable ASCII (most names, places and notes) needs no Unicode tables: nothing in it
        // is forbidden or combining, and a byte is a character. Seeding validates ~37 fields
        // per order, so this path matters.
        if let ascii = asciiShape(text, allowNewlines: allowNewlines) {
            if ascii.length > maxLength { throw .tooLong(field: field, max: maxLength) }
            if required && ascii.blank { throw .empty(field: field) }
            return text
        }
        for scalar in text.unicodeScalars where isForbidden(scalar, allowNewlines: allowNewlines) {
            throw .forbiddenCharacter(field: field, scalar: scalar.value)
        }
        // A long run of combining marks is a rendering attack, not a name. Checked before the
        // length, because such a run is one character however many scalars it holds.
        var run = 0
        for scalar in text.unicodeScalars {
            // Combining marks start at U+0300: the category lookup is only paid above it.
            run = scalar.value >= 0x300 && scalar.properties.generalCategory == .nonspacingMark ? run + 1 : 0
            if run > 8 { throw .tooManyCombiningMarks(field: field) }
        }
        if text.unicodeScalars.count > maxLength * 4 || text.count > maxLength {
            throw .tooLong(field: field, max: maxLength)
        }
        if required && text.allSatisfy(\.isWhitespace) { throw .empty(field: field) }
        return text
    }
}

public enum TextError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(field: String)
    case tooLong(field: String, max: Int)
    case forbiddenCharacter(field: String, scalar: UInt32)
    case tooManyCombiningMarks(field: String)

    public var description: String {
        switch self {
        case let .empty(field): return "\(field.capitalizedFirst) must not be empty."
        case let .tooLong(field, max): return "\(field.capitalizedFirst) is too long (at most \(max) characters)."
        case let .forbiddenCharacter(field, scalar):
            return "\(field.capitalizedFirst) contains an invisible or control character (U+\(String(scalar, radix: 16, uppercase: true).leftPadded(4)))."
        case let .tooManyCombiningMarks(field): return "\(field.capitalizedFirst) has too many combining marks on one character."
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
