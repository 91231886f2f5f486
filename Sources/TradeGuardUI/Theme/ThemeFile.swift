/// A parsed theme file (`themes/*.theme`).
///
/// ```ini
/// # comment (a whole line, or ` # ` after a value)
/// [meta]
/// name        = default
/// description = Calm blues and greys for a dark terminal
///
/// [roles]
/// normal      = default on default
/// tab.active  = #ffffff | 15 | white on #005f87 | 24 | blue bold
/// ```
///
/// `[meta]` needs `name` (`description` is optional). `[roles]` maps a role (`Role.rawValue`) to
/// `FG on BG [ATTRS…]`: FG and BG are colour chains (see `ColorSpec`), ATTRS among bold, dim,
/// underline, reverse, italic. A role that is not listed looks like `normal`. Anything else —
/// an unknown role, colour, attribute, section or key, a duplicate, a missing ` on ` — refuses
/// the whole file with a `ThemeError` naming file, line and reason.
public struct Theme: Equatable, Sendable {
    /// `[meta] name`. The catalog finds a theme by its file name; shipped themes use the same word.
    public let name: String
    public let description: String
    /// The roles the file lists, as written.
    public let roles: [Role: RoleStyle]

    public init(name: String, description: String = "", roles: [Role: RoleStyle]) {
        self.name = name
        self.description = description
        self.roles = roles
    }

    /// The style of `role`: as listed, or else `normal`'s, or else the terminal's own colours.
    public func style(_ role: Role) -> RoleStyle {
        roles[role] ?? roles[.normal] ?? RoleStyle(foreground: .terminalDefault, background: .terminalDefault)
    }

    /// The theme for one terminal. `noColor` (NO_COLOR) or a `.mono` depth drop every colour and
    /// keep the roles apart with attributes only: a listed role's own attributes, else
    /// `Theme.monoDefaults` (reverse for selection, bold for titles, underline for errors …).
    /// Roles drawn as a coloured bar (`selected`, `tab.active`, `dialog`, `title` with a
    /// background) also keep `reverse`, since their bar would otherwise vanish.
    /// On 8 and 16 colours a role whose foreground and background fall on the same colour
    /// gets black or white text instead, whichever stands out more.
    public func resolve(depth: ColorDepth, noColor: Bool) -> ResolvedTheme {
        let effective: ColorDepth = noColor ? .mono : depth
        var styles: [Role: ResolvedStyle] = [:]
        for role in Role.allCases {
            if effective == .mono {
                styles[role] = ResolvedStyle(attributes: monoAttributes(role))
                continue
            }
            let style = style(role)
            var foreground = style.foreground.resolve(depth: effective)
            let background = style.background.resolve(depth: effective)
            if effective < .twoFiftySix, case .indexed(let bg) = background, foreground == background {
                foreground = .indexed(Self.readableBasic(on: bg, count: effective.rawValue))
            }
            styles[role] = ResolvedStyle(foreground: foreground, background: background, attributes: style.attributes)
        }
        return ResolvedTheme(name: name, depth: effective, styles: styles)
    }

    /// Attributes that keep each role apart when there is no colour: `ResolvedTheme.plain`, plus
    /// underline for input fields (and bold underline for a field in error, so the two differ).
    public static let monoDefaults: [Role: Set<TextAttribute>] = {
        var table = ResolvedTheme.plain.styles.mapValues(\.attributes)
        table[.input] = [.underline]
        table[.inputError] = [.bold, .underline]
        return table
    }()

    private static let barRoles: Set<Role> = [.selected, .tabActive, .dialog, .title]

    func monoAttributes(_ role: Role) -> Set<TextAttribute> {
        let fallback = Self.monoDefaults[role] ?? []
        guard let listed = roles[role] else {
            return fallback.isEmpty ? (roles[.normal]?.attributes ?? []) : fallback
        }
        guard !listed.attributes.isEmpty else { return fallback }
        var attributes = listed.attributes
        if Self.barRoles.contains(role), !listed.background.isTerminalDefault, fallback.contains(.reverse) {
            attributes.insert(.reverse)
        }
        return attributes
    }

    /// Black or white (bright white on 16 colours), whichever contrasts more with basic colour `bg`.
    static func readableBasic(on bg: Int, count: Int) -> Int {
        let white = count >= 16 ? 15 : 7
        let rgb = XtermPalette.rgb(ofIndex: bg)
        let luma = 299 * rgb.red + 587 * rgb.green + 114 * rgb.blue  // ×1000
        return luma >= 128_000 ? 0 : white
    }
}

/// One role's look as a theme file writes it.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ColorSpec
    public var background: ColorSpec
    public var attributes: Set<TextAttribute>

    public init(foreground: ColorSpec, background: ColorSpec, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Parses `FG on BG [ATTRS…]`.
    public init(parsing value: String) throws(ThemeError.Reason) {
        // Words, with a chain's `|` gluing its neighbours: "#fff | 15 | white" is one word.
        var words: [String] = []
        for word in value.split(whereSeparator: \.isWhitespace).map(String.init) {
            if let last = words.last, word != "on", last != "on", last.hasSuffix("|") || word.hasPrefix("|") {
                words[words.count - 1] = last + word
            } else {
                words.append(word)
            }
        }
        guard let on = words.firstIndex(of: "on") else { throw .missingOn }
        guard on > 0 else { throw .missingForeground }
        guard on == 1 else { throw .unexpectedBeforeOn(words[1]) }
        guard on + 1 < words.count else { throw .missingBackground }
        do {
            foreground = try ColorSpec(parsing: words[0])
            background = try ColorSpec(parsing: words[on + 1])
        } catch {
            throw .colour(error)
        }
        attributes = []
        for word in words[(on + 2)...] {
            guard let attribute = TextAttribute(rawValue: word.lowercased()) else { throw .unknownAttribute(word) }
            attributes.insert(attribute)
        }
    }

    /// The value as a theme file would write it.
    public var description: String {
        let attrs = TextAttribute.allCases.filter(attributes.contains).map(\.rawValue)
        return ([foreground.description, "on", background.description] + attrs).joined(separator: " ")
    }
}

/// A theme file refused: `description` is the one line to show, `file:line: reason`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the caller named it (the catalog passes the full path).
    public let file: String
    /// 1-based.
    public let line: Int
    public let reason: Reason

    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }

    public enum Reason: Error, Equatable, Sendable, CustomStringConvertible {
        case textOutsideSection
        case unknownSection(String)
        case badSectionHeader(String)
        case duplicateSection(String, firstLine: Int)
        case expectedKeyValue
        case unknownMetaKey(String)
        case duplicateMetaKey(String, firstLine: Int)
        case emptyValue(String)
        case missingName
        case unknownRole(String)
        case duplicateRole(String, firstLine: Int)
        case missingOn
        case missingForeground
        case missingBackground
        case unexpectedBeforeOn(String)
        case unknownAttribute(String)
        case colour(ColorSpecError)

        public var description: String {
            switch self {
            case .textOutsideSection: "text outside a section (start with [meta] or [roles])"
            case .unknownSection(let s): "unknown section [\(s)] (expected [meta] or [roles])"
            case .badSectionHeader(let h): "bad section header '\(h)' (expected [meta] or [roles])"
            case .duplicateSection(let s, let first): "duplicate section [\(s)] (first on line \(first))"
            case .expectedKeyValue: "expected 'key = value'"
            case .unknownMetaKey(let k): "unknown key '\(k)' in [meta] (expected name or description)"
            case .duplicateMetaKey(let k, let first): "duplicate key '\(k)' (first on line \(first))"
            case .emptyValue(let k): "empty value for '\(k)'"
            case .missingName: "missing name in [meta]"
            case .unknownRole(let r): "unknown role '\(r)'"
            case .duplicateRole(let r, let first): "duplicate role '\(r)' (first on line \(first))"
            case .missingOn: "missing ' on ' between foreground and background"
            case .missingForeground: "missing foreground before ' on '"
            case .missingBackground: "missing background after ' on '"
            case .unexpectedBeforeOn(let w): "unexpected '\(w)' before ' on ' (attributes go after the background)"
            case .unknownAttribute(let a): "unknown attribute '\(a)' (expected bold, dim, underline, reverse or italic)"
            case .colour(let e): e.description
            }
        }
    }
}

extension Theme {
    /// Parses theme text. `file` names it in errors (`light.theme:12: unknown colour 'blurple'`).
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        enum Section: String { case meta, roles }
        var section: Section?
        var sectionLines: [Section: Int] = [:]
        var metaLines: [String: Int] = [:]
        var name: String?
        var description = ""
        var roles: [Role: RoleStyle] = [:]
        var roleLines: [Role: Int] = [:]

        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for (offset, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            func fail(_ reason: ThemeError.Reason) -> ThemeError { ThemeError(file: file, line: number, reason: reason) }
            let line = stripComment(rawLine).trimmingBlanks
            if line.isEmpty { continue }

            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail(.badSectionHeader(line)) }
                let word = String(line.dropFirst().dropLast()).trimmingBlanks
                guard let next = Section(rawValue: word) else { throw fail(.unknownSection(word)) }
                if let first = sectionLines[next] { throw fail(.duplicateSection(word, firstLine: first)) }
                sectionLines[next] = number
                section = next
                continue
            }
            guard let current = section else { throw fail(.textOutsideSection) }
            guard let equals = line.firstIndex(of: "=") else { throw fail(.expectedKeyValue) }
            let key = line[..<equals].trimmingBlanks
            let value = line[line.index(after: equals)...].trimmingBlanks
            guard !key.isEmpty else { throw fail(.expectedKeyValue) }

            switch current {
            case .meta:
                guard key == "name" || key == "description" else { throw fail(.unknownMetaKey(key)) }
                if let first = metaLines[key] { throw fail(.duplicateMetaKey(key, firstLine: first)) }
                metaLines[key] = number
                if key == "name" {
                    guard !value.isEmpty else { throw fail(.emptyValue(key)) }
                    name = value
                } else {
                    description = value
                }
            case .roles:
                guard let role = Role(rawValue: key) else { throw fail(.unknownRole(key)) }
                if let first = roleLines[role] { throw fail(.duplicateRole(key, firstLine: first)) }
                guard !value.isEmpty else { throw fail(.emptyValue(key)) }
                do {
                    roles[role] = try RoleStyle(parsing: value)
                } catch {
                    throw fail(error)
                }
                roleLines[role] = number
            }
        }
        guard let name else {
            throw ThemeError(file: file, line: sectionLines[.meta] ?? 1, reason: .missingName)
        }
        return Theme(name: name, description: description, roles: roles)
    }

    /// Drops a comment: a line starting with `#`, or ` #` followed by a space or the end of the
    /// line (so `#005f87` is a colour, not a comment).
    private static func stripComment(_ line: Substring) -> Substring {
        let chars = Array(line)
        for i in chars.indices where chars[i] == "#" {
            let startsWord = i == 0 || chars[i - 1].isWhitespace
            let endsWord = i + 1 == chars.count || chars[i + 1].isWhitespace
            let lineStart = chars[..<i].allSatisfy(\.isWhitespace)
            if lineStart || (startsWord && endsWord) {
                return line.prefix(i)
            }
        }
        return line
    }
}
