/// How many colours a terminal shows. `mono` means attributes only (also under NO_COLOR).
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case mono = 0, eight = 8, sixteen = 16, twoFiftySix = 256

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth for a terminal reporting `colors` (ncurses' COLORS after start_color).
    public static func forColors(_ colors: Int) -> ColorDepth {
        colors >= 256 ? .twoFiftySix : colors >= 16 ? .sixteen : colors >= 8 ? .eight : .mono
    }
}

/// A colour a terminal can show: its default, or an index of its palette (0–255).
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)
}

public enum TextAttribute: String, Sendable, CaseIterable, Hashable {
    case bold, dim, underline, reverse, italic
}

/// A role's look on one particular terminal.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: Set<TextAttribute>

    public init(foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
                attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme resolved for one terminal: a style for every role.
public struct ResolvedTheme: Sendable, Equatable {
    public let name: String
    public let depth: ColorDepth
    public let styles: [Role: ResolvedStyle]

    public init(name: String, depth: ColorDepth, styles: [Role: ResolvedStyle]) {
        self.name = name
        self.depth = depth
        self.styles = styles
    }

    public func style(_ role: Role) -> ResolvedStyle { styles[role] ?? styles[.normal] ?? ResolvedStyle() }

    /// Attributes only, for tests and for NO_COLOR: reverse for selection and active tabs, bold
    /// for titles and warnings, underline for errors.
    public static let plain = ResolvedTheme(name: "plain", depth: .mono, styles: [
        .title: ResolvedStyle(attributes: [.bold, .reverse]), .tabActive: ResolvedStyle(attributes: [.reverse, .bold]),
        .selected: ResolvedStyle(attributes: [.reverse]), .header: ResolvedStyle(attributes: [.bold]),
        .hintKey: ResolvedStyle(attributes: [.bold]), .statusDanger: ResolvedStyle(attributes: [.bold]),
        .deadlineOverdue: ResolvedStyle(attributes: [.bold, .underline]), .inputError: ResolvedStyle(attributes: [.underline]),
        .moneyUncovered: ResolvedStyle(attributes: [.underline]), .muted: ResolvedStyle(attributes: [.dim]),
        .dialog: ResolvedStyle(attributes: [.reverse]), .caption: ResolvedStyle(attributes: [.bold]),
    ])
}
