/// One unit of input as ncurses' `wget_wch` hands it over: a character, or a KEY_* code for a
/// sequence the terminfo entry names.
public enum RawInput: Equatable, Sendable {
    case char(UInt32)
    case function(Int32)
}

/// What an ESC that ncurses returned as a plain character turned out to start.
public enum EscapeOutcome: Equatable, Sendable {
    /// Esc pressed on its own; whatever followed was pushed back to be read as the next key.
    case escape
    /// A sequence the terminfo entry lacks (F5 as ESC [ 1 5 ~ under TERM=linux): dropped whole.
    case swallowed
    /// Alt with a character (ESC and the character in one burst). It must never run the
    /// character's own command.
    case alt(Character)
    /// A bracketed paste (ESC [ 200 ~ … ESC [ 201 ~): the text between the markers.
    case paste(String)
}

/// Reads what follows an ESC. Pure apart from its two closures, so it is tested without a
/// terminal: `read(ms)` returns the next input if one arrives within `ms` milliseconds (0: only
/// what is already waiting), `unread` pushes one back.
public struct EscapeSequenceReader {
    let read: (_ timeoutMs: Int) -> RawInput?
    let unread: (RawInput) -> Void

    /// A paste longer than this is cut (no field holds more; the rest is read and dropped).
    public static let pasteLimit = 100_000
    /// Inside a paste the terminal sends the text at once; a silence this long means the end
    /// marker was lost, and what came so far is the paste.
    static let pasteSilenceMs = 500
    /// The rest of one escape sequence comes in the same burst; over SSH it may be split
    /// across packets, so allow it a few milliseconds.
    static let sequenceMs = 5

    public init(read: @escaping (_ timeoutMs: Int) -> RawInput?, unread: @escaping (RawInput) -> Void) {
        self.read = read
        self.unread = unread
    }

    public func afterEscape() -> EscapeOutcome {
        guard let next = read(0) else { return .escape }
        guard case let .char(code) = next else {
            unread(next)
            return .escape
        }
        switch code {
        case 0x5B: return controlSequence()                     // CSI
        case 0x4F:                                               // SS3: one more byte
            _ = read(Self.sequenceMs)
            return .swallowed
        case 0x20..<0x7F, 0xA0...:
            guard let scalar = Unicode.Scalar(code) else { return .swallowed }
            return .alt(Character(scalar))
        default:                                                 // Esc Esc, Esc Enter …: two keys
            unread(next)
            return .escape
        }
    }

    /// Parameters and intermediates (0x20–0x3F), then a final byte (0x40–0x7E).
    private func controlSequence() -> EscapeOutcome {
        var parameters = ""
        for _ in 0..<32 {
            guard let input = read(Self.sequenceMs) else { break }
            guard case let .char(byte) = input, (0x20...0x7E).contains(byte) else {
                unread(input)
                break
            }
            if (0x40...0x7E).contains(byte) {
                if byte == 0x7E && parameters == "200" { return .paste(pasteBody()) }
                break
            }
            parameters.unicodeScalars.append(Unicode.Scalar(UInt8(byte)))
        }
        return .swallowed
    }

    /// The pasted text up to ESC [ 201 ~. Line breaks (CR, LF, CR LF) become "\n"; tabs become
    /// spaces; other control characters are dropped (nothing pasted may act on the terminal).
    private func pasteBody() -> String {
        var text = String.UnicodeScalarView()
        var count = 0
        var lastWasCR = false
        func append(_ scalar: Unicode.Scalar) {
            guard count < Self.pasteLimit else { return }
            text.append(scalar)
            count += 1
        }
        while let input = read(Self.pasteSilenceMs) {
            guard case let .char(code) = input else { continue }   // a function key inside a paste: not text
            if code == 0x1B {
                if endMarkerFollows() { break }
                continue
            }
            defer { lastWasCR = code == 0x0D }
            switch code {
            case 0x0D: append("\n")
            case 0x0A: if !lastWasCR { append("\n") }
            case 0x09: append(" ")
            case 0..<0x20, 0x7F, 0x80...0x9F: break
            default: if let scalar = Unicode.Scalar(code) { append(scalar) }
            }
        }
        return String(text)
    }

    /// After an ESC inside a paste: true when "[201~" follows (the end marker). Any other
    /// sequence is dropped whole with its ESC: a pasted escape sequence must reach neither the
    /// terminal nor the keys.
    private func endMarkerFollows() -> Bool {
        guard let first = read(Self.sequenceMs) else { return false }
        guard first == .char(0x5B) else { return false }            // ESC and one character: both dropped
        var parameters = ""
        for _ in 0..<32 {
            guard let input = read(Self.sequenceMs), case let .char(byte) = input, (0x20...0x7E).contains(byte) else { return false }
            if (0x40...0x7E).contains(byte) { return byte == 0x7E && parameters == "201" }
            parameters.unicodeScalars.append(Unicode.Scalar(UInt8(byte)))
        }
        return false
    }
}
