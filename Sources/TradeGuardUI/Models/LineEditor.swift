import TradeGuardCore

/// A text field: the filter, the palette, the help search, a form's fields. One line, except
/// where newlines are allowed (a contract's remarks). It edits as shells and browsers do:
/// arrows, Home/End, Delete, Ctrl-A/E (start, end), Ctrl-U/K (delete to start, to end),
/// Ctrl-W (delete the word before the cursor).
final class LineEditor {
    /// The text; setting it from outside puts the cursor at its end.
    var text: String {
        didSet { if !editing { cursor = text.count } }
    }
    /// Where typing goes, in characters from the start (0…text.count).
    private(set) var cursor: Int
    static let maxLength = 200
    let maxLength: Int
    let allowsNewlines: Bool
    private var editing = false

    init(_ text: String = "", maxLength: Int = LineEditor.maxLength, allowsNewlines: Bool = false) {
        self.text = text
        self.maxLength = maxLength
        self.allowsNewlines = allowsNewlines
        cursor = text.count
    }

    /// True when no more characters fit: a form says so instead of ignoring the key.
    var isFull: Bool { text.count >= maxLength }

    /// Applies an editing key; returns whether the text changed (a cursor move changes nothing).
    @discardableResult
    func edit(_ key: Key) -> Bool {
        switch key {
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .backspace:
            guard cursor > 0 else { return false }
            return replace(cursor - 1..<cursor, with: "")
        case .delete:
            guard cursor < text.count else { return false }
            return replace(cursor..<cursor + 1, with: "", keepCursor: true)
        case .control("u"): return replace(0..<cursor, with: "")
        case .control("k"): return replace(cursor..<text.count, with: "", keepCursor: true)
        case .control("w"): return replace(wordStart()..<cursor, with: "")
        case let .character(c):
            // Control and invisible characters are refused here, as everywhere input arrives.
            guard !isFull, !c.unicodeScalars.contains(where: { TextRules.isForbidden($0) }) else { return false }
            return replace(cursor..<cursor, with: String(c))
        case let .paste(pasted):
            return insert(pasted).inserted > 0
        default:
            break
        }
        return false
    }

    /// Inserts pasted text literally at the cursor: line breaks become spaces in a one-line
    /// field, characters that may not be stored are left out, and the text stops at the
    /// field's limit. Returns how many characters went in and how many did not fit.
    @discardableResult
    func insert(_ pasted: String) -> (inserted: Int, cut: Int) {
        var accepted = "", cut = 0
        var room = maxLength - text.count
        for character in pasted {
            let c: Character = character == "\n" && !allowsNewlines ? " " : character
            if c.unicodeScalars.contains(where: { TextRules.isForbidden($0, allowNewlines: allowsNewlines) }) { continue }
            guard room > 0 else { cut += 1; continue }
            accepted.append(c)
            room -= 1
        }
        if !accepted.isEmpty { replace(cursor..<cursor, with: accepted) }
        return (accepted.count, cut)
    }

    /// The part of the text that fits `width` columns with the cursor in view, and the
    /// cursor's column within it: a long value scrolls sideways as the cursor moves.
    func window(width: Int) -> (text: String, cursorColumn: Int) {
        let width = max(1, width)
        var characters = Array(text)
        // Walk back from the cursor while the text before it (and the cursor cell) fits: one
        // pass over what is shown, however long the text (a pasted page, a hostile value).
        var start = cursor, used = 1
        while start > 0 {
            let w = DisplayWidth.of(characters[start - 1])
            if used + w > width { break }
            used += w
            start -= 1
        }
        var shown = "", columns = 0
        var i = start
        while i < characters.count {
            let w = DisplayWidth.of(characters[i])
            if columns + w > width { break }
            shown.append(characters[i])
            columns += w
            i += 1
        }
        characters.removeAll()
        return (shown, used - 1)
    }

    /// Where the word before the cursor starts (spaces before it go with it).
    private func wordStart() -> Int {
        let characters = Array(text)
        var i = cursor
        while i > 0 && characters[i - 1] == " " { i -= 1 }
        while i > 0 && characters[i - 1] != " " { i -= 1 }
        return i
    }

    @discardableResult
    private func replace(_ range: Range<Int>, with new: String, keepCursor: Bool = false) -> Bool {
        guard !(range.isEmpty && new.isEmpty) else { return false }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(text.startIndex, offsetBy: range.upperBound)
        editing = true
        text.replaceSubrange(lower..<upper, with: new)
        editing = false
        cursor = keepCursor ? range.lowerBound : range.lowerBound + new.count
        return true
    }
}

extension LineEditor {
    /// The palette's Tab: the first of `names` that the text begins (and is not yet), and a
    /// space for its arguments.
    func complete(from names: [String]) {
        if let match = names.first(where: { $0.hasPrefix(text) && $0 != text }) { text = match + " " }
    }
}
