/// Colours as theme files write them, and how they come down to what a terminal can show.
///
/// A theme gives each colour as a *fallback chain* — `#rrggbb | 0-255 | name`, any non-empty
/// subset in any order, at most one of each kind — and `resolve(depth:)` picks from it:
///
/// - 256 colours: the first element. A `#rrggbb` becomes the nearest of xterm's 6×6×6 cube and
///   24 greys (indexes 16–255; 0–15 are left out because every terminal re-tints them), by
///   squared RGB distance, ties to the lower index. An index is used as is; a name is its 0–15
///   index; `default` is the terminal's own colour.
/// - 16 or 8 colours: the first element the terminal has — `default`, a name, or an index below
///   16 (8). A bright name on an 8-colour terminal, or failing that the first element (a
///   `#rrggbb` or a higher index), becomes the nearest basic colour in xterm's standard RGB;
///   a grey goes to the nearest grey (black, white, bright-black, bright-white), never to a hue.
///   So `#808080 | 8 | white` reads: that grey on 256 colours, bright-black on 16, white on 8.
/// - monochrome: no colour at all (the theme's attributes carry the meaning; see `Theme`).
public struct ColorSpec: Hashable, Sendable, CustomStringConvertible {
    public let chain: [ColorChoice]

    /// `chain` must be non-empty; the parser guarantees at most one element of each kind.
    public init(_ chain: [ColorChoice]) {
        precondition(!chain.isEmpty, "a colour chain needs at least one element")
        self.chain = chain
    }

    /// The terminal's own colour.
    public static let terminalDefault = ColorSpec([.terminalDefault])

    /// Parses one chain such as `#005f87 | 24 | blue` (whitespace around `|` allowed).
    public init(parsing text: String) throws(ColorSpecError) {
        var choices: [ColorChoice] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            let word = part.trimmingBlanks
            guard !word.isEmpty else { throw .emptyElement(text.trimmingBlanks) }
            let choice = try ColorChoice(parsing: word)
            if let clash = choices.first(where: { $0.kind == choice.kind }) {
                throw .twoOfAKind(choice.kind, first: clash.description, second: choice.description)
            }
            choices.append(choice)
        }
        self.init(choices)
    }

    /// True when every element is `default`: the colour never changes the terminal's own.
    public var isTerminalDefault: Bool { chain.allSatisfy { $0 == .terminalDefault } }

    public var description: String { chain.map(\.description).joined(separator: " | ") }

    /// The colour to use on a terminal of `depth` colours (see the type's documentation).
    public func resolve(depth: ColorDepth) -> TerminalColor {
        switch depth {
        case .mono:
            return .terminalDefault
        case .twoFiftySix:
            switch chain[0] {
            case .terminalDefault: return .terminalDefault
            case .rgb(let rgb): return .indexed(XtermPalette.nearest256(rgb))
            case .index(let i): return .indexed(i)
            case .name(let name): return .indexed(name.index)
            }
        case .sixteen, .eight:
            let count = depth.rawValue
            for choice in chain {
                switch choice {
                case .terminalDefault: return .terminalDefault
                case .index(let i) where i < count: return .indexed(i)
                case .name(let name):
                    return .indexed(name.index < count ? name.index : XtermPalette.nearestBasic(name.rgb, count: count))
                default: continue
                }
            }
            // Only #rrggbb and indexes the terminal lacks: bring the first one down.
            switch chain[0] {
            case .rgb(let rgb): return .indexed(XtermPalette.nearestBasic(rgb, count: count))
            case .index(let i): return .indexed(XtermPalette.nearestBasic(XtermPalette.rgb(ofIndex: i), count: count))
            case .terminalDefault, .name: return .terminalDefault  // unreachable: taken above
            }
        }
    }
}

/// One element of a colour chain.
public enum ColorChoice: Hashable, Sendable, CustomStringConvertible {
    /// `default`: the terminal's own foreground or background.
    case terminalDefault
    /// `#rrggbb`.
    case rgb(RGB)
    /// `0`–`255`: an xterm palette index.
    case index(Int)
    /// `red`, `bright-blue` …: one of the 16 basic colours.
    case name(ColorName)

    /// Which of the three kinds of a chain this is (`default` counts as a name).
    public enum Kind: String, Sendable {
        case hex, index, name

        var plural: String {
            switch self {
            case .hex: "#rrggbb colours"
            case .index: "colour indexes"
            case .name: "colour names"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .rgb: .hex
        case .index: .index
        case .name, .terminalDefault: .name
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .rgb(let rgb): rgb.hex
        case .index(let i): String(i)
        case .name(let name): name.rawValue
        }
    }

    /// Parses `#rrggbb`, `0`–`255`, a colour name or `default` (names and hex digits in any case).
    public init(parsing word: String) throws(ColorSpecError) {
        if word.hasPrefix("#") {
            guard let rgb = RGB(hex: word) else { throw .badHex(word) }
            self = .rgb(rgb)
        } else if let first = word.unicodeScalars.first, first == "-" || ("0"..."9").contains(first),
                  word.unicodeScalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) }), word != "-" {
            guard word.first != "-", let value = Int(word), value <= 255 else {
                throw .indexOutOfRange(word)
            }
            self = .index(value)
        } else if word.lowercased() == "default" {
            self = .terminalDefault
        } else if let name = ColorName(word) {
            self = .name(name)
        } else {
            throw .unknownColour(word)
        }
    }
}

/// Why a colour chain was refused. `description` is the reason a theme error shows.
public enum ColorSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownColour(String)
    case indexOutOfRange(String)
    case badHex(String)
    case emptyElement(String)
    case twoOfAKind(ColorChoice.Kind, first: String, second: String)

    public var description: String {
        switch self {
        case .unknownColour(let w): "unknown colour '\(w)'"
        case .indexOutOfRange(let w): "colour index \(w) out of range 0-255"
        case .badHex(let w): "bad hex colour '\(w)' (expected #rrggbb)"
        case .emptyElement(let chain): "empty colour in chain '\(chain)'"
        case .twoOfAKind(let kind, let a, let b): "two \(kind.plural) in one chain: '\(a)' and '\(b)'"
        }
    }
}

/// A 24-bit colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: Int, green: Int, blue: Int

    public init(_ red: Int, _ green: Int, _ blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb` (either case); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var values: [Int] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let high = Self.hexValue(digits[i]), let low = Self.hexValue(digits[i + 1]) else { return nil }
            values.append(high * 16 + low)
        }
        self.init(values[0], values[1], values[2])
    }

    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    public var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    public var description: String { hex }

    func squaredDistance(to other: RGB) -> Int {
        let dr = red - other.red, dg = green - other.green, db = blue - other.blue
        return dr * dr + dg * dg + db * db
    }

    /// Near-neutral: its channels lie within 32 of each other.
    var isGrey: Bool { max(red, green, blue) - min(red, green, blue) < 32 }
}

/// The 16 basic colours by name. `grey`/`gray` are accepted for `bright-black`.
public enum ColorName: String, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = "bright-black", brightRed = "bright-red", brightGreen = "bright-green"
    case brightYellow = "bright-yellow", brightBlue = "bright-blue", brightMagenta = "bright-magenta"
    case brightCyan = "bright-cyan", brightWhite = "bright-white"

    /// A name as written in a theme file, in any case; nil if unknown.
    public init?(_ word: String) {
        let lower = word.lowercased()
        if lower == "grey" || lower == "gray" { self = .brightBlack; return }
        guard let name = ColorName(rawValue: lower) else { return nil }
        self = name
    }

    /// Its index in the terminal palette (0–15).
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    /// xterm's standard RGB for it.
    public var rgb: RGB { XtermPalette.rgb(ofIndex: index) }
}

/// xterm's 256-colour palette and the nearest-colour searches over it.
public enum XtermPalette {
    /// xterm's default RGB for the 16 basic colours.
    public static let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The levels of each channel in the 6×6×6 cube (indexes 16–231).
    public static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// All 256 colours: the 16 basic ones, the cube, then 24 greys 8, 18 … 238 (232–255).
    public static let all: [RGB] = {
        var colours = basic
        for r in cubeLevels { for g in cubeLevels { for b in cubeLevels { colours.append(RGB(r, g, b)) } } }
        for n in 0..<24 { colours.append(RGB(8 + 10 * n, 8 + 10 * n, 8 + 10 * n)) }
        return colours
    }()

    /// The RGB of palette index `index` (clamped to 0–255).
    public static func rgb(ofIndex index: Int) -> RGB { all[min(max(index, 0), 255)] }

    /// The nearest of indexes 16–255 (cube and greys) by squared RGB distance, ties to the lower index.
    public static func nearest256(_ colour: RGB) -> Int {
        nearest(colour, among: 16..<256)
    }

    /// The nearest of the first `count` basic colours (16 or 8). A grey only goes to a grey.
    public static func nearestBasic(_ colour: RGB, count: Int) -> Int {
        let candidates = 0..<min(max(count, 1), 16)
        if colour.isGrey {
            let greys = candidates.filter { all[$0].isGrey }
            return greys.min { (all[$0].squaredDistance(to: colour), $0) < (all[$1].squaredDistance(to: colour), $1) }!
        }
        return nearest(colour, among: candidates)
    }

    private static func nearest(_ colour: RGB, among indexes: Range<Int>) -> Int {
        var best = indexes.lowerBound, bestDistance = Int.max
        for i in indexes {
            let d = all[i].squaredDistance(to: colour)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
