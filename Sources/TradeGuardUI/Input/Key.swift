/// A key press, decoded by the back end. Names are what scripts, `keys.conf` and the help
/// screen use: "j", "G", "Down", "PgDn", "Enter", "Esc", "Tab", "S-Tab", "Space", "C-c", "F1".
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case control(Character)
    case function(Int)
    /// The terminal changed size (ncurses' KEY_RESIZE).
    case resize
    /// Text the terminal delivered as one bracketed paste. It is typed into the focused text
    /// field, never read as keys: a pasted "y" must not answer a question.
    case paste(String)
    /// A character pressed with Alt (ESC and the character in one burst). Bound to nothing, so
    /// Alt-x never runs what x runs.
    case alt(Character)

    public var description: String { name }

    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case let .character(c): return String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case let .control(c): return "C-\(c)"
        case let .function(n): return "F\(n)"
        case .resize: return "Resize"
        case .paste: return "Paste"
        case let .alt(c): return "M-\(c)"
        }
    }

    static let named: [String: Key] = [
        "Space": .character(" "), "Up": .up, "Down": .down, "Left": .left, "Right": .right, "Home": .home, "End": .end,
        "PgUp": .pageUp, "PgDn": .pageDown, "PageUp": .pageUp, "PageDown": .pageDown, "Enter": .enter, "Return": .enter,
        "Esc": .escape, "Escape": .escape, "Tab": .tab, "S-Tab": .backTab, "BTab": .backTab, "Backspace": .backspace,
        "BSpace": .backspace, "Delete": .delete, "DC": .delete, "Resize": .resize,
    ]

    /// Parses a key name; nil if unknown. Single characters stand for themselves.
    public init?(name: String) {
        if let key = Key.named[name] { self = key; return }
        if name.count == 1, let c = name.first { self = .character(c); return }
        if name.hasPrefix("C-"), name.count == 3, let c = name.last, c.isLetter { self = .control(Character(c.lowercased())); return }
        if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        return nil
    }

    /// A printable character a text field would type (not a command key).
    public var typedCharacter: Character? {
        if case let .character(c) = self { return c }
        return nil
    }
}
