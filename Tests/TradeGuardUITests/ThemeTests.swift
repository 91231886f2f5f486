import Foundation
import Testing
@testable import TradeGuardUI

/// Theme files: parsing, refusing broken files, colour resolution, the shipped themes, the catalog.
struct ThemeTests {
    // MARK: Helpers

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shippedNames = ["colorblind", "default", "high-contrast", "light", "mono"]
    static let darkThemes: Set<String> = ["default", "high-contrast", "colorblind"]

    static func shipped(_ name: String) throws -> Theme {
        let path = packageRoot.appendingPathComponent("themes/\(name).theme").path
        return try Theme.parse(String(contentsOfFile: path, encoding: .utf8), file: "\(name).theme")
    }

    /// The error a broken text gives, as its one line.
    static func refusal(_ text: String, file: String = "light.theme") -> String? {
        do {
            _ = try Theme.parse(text, file: file)
            return nil
        } catch {
            #expect(!error.description.contains("\n"))
            return error.description
        }
    }

    static let header = "[meta]\nname = broken\n[roles]\nnormal = default on default\n"  // lines 1–4

    static func spec(_ text: String) throws -> ColorSpec { try ColorSpec(parsing: text) }

    /// WCAG 2 contrast ratio.
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        func luminance(_ c: RGB) -> Double {
            func channel(_ v: Int) -> Double {
                let s = Double(v) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    // MARK: Parsing good files

    @Test func parsesAGoodFile() throws {
        let text = """
        \u{FEFF}# a comment
          # an indented comment

        [meta]
        name = Sample   # trailing comment
        description = Just a sample, #1 of many

        [roles]
        normal     = DEFAULT on default
        tab.active = #FFFFFF | 15 | White on #005f87 | 24 | blue  BOLD underline
        selected   = blue|#0000ff on 7 reverse
        muted=grey on default dim\r
        caption    = 231 on gray
        """
        let theme = try Theme.parse(text, file: "sample.theme")
        #expect(theme.name == "Sample")
        #expect(theme.description == "Just a sample, #1 of many")
        #expect(theme.roles.count == 5)
        #expect(theme.roles[.normal] == RoleStyle(foreground: .terminalDefault, background: .terminalDefault))
        #expect(theme.roles[.tabActive] == RoleStyle(
            foreground: ColorSpec([.rgb(RGB(255, 255, 255)), .index(15), .name(.white)]),
            background: ColorSpec([.rgb(RGB(0, 0x5f, 0x87)), .index(24), .name(.blue)]),
            attributes: [.bold, .underline]))
        #expect(theme.roles[.selected] == RoleStyle(
            foreground: ColorSpec([.name(.blue), .rgb(RGB(0, 0, 255))]), background: ColorSpec([.index(7)]),
            attributes: [.reverse]))
        #expect(theme.roles[.muted]?.foreground == ColorSpec([.name(.brightBlack)]))
        #expect(theme.roles[.muted]?.attributes == [.dim])
        #expect(theme.roles[.caption]?.background == ColorSpec([.name(.brightBlack)]))
        // A role that is not listed looks like `normal`.
        #expect(theme.style(.moneyUncovered) == theme.roles[.normal])
        #expect(theme.resolve(depth: .twoFiftySix, noColor: false).style(.header) == ResolvedStyle())
    }

    @Test func descriptionIsOptionalAndRolesMayBeEmpty() throws {
        let theme = try Theme.parse("[meta]\nname = bare\n", file: "bare.theme")
        #expect(theme.description == "")
        #expect(theme.roles.isEmpty)
        #expect(theme.style(.title) == RoleStyle(foreground: .terminalDefault, background: .terminalDefault))
    }

    @Test func roleStyleDescriptionRoundTrips() throws {
        let style = try RoleStyle(parsing: "#ffffff | 15 | white   on   #005f87|24|blue bold dim")
        #expect(style.description == "#ffffff | 15 | white on #005f87 | 24 | blue bold dim")
        #expect(try RoleStyle(parsing: style.description) == style)
    }

    // MARK: Refusing broken files

    @Test(arguments: [
        // (text, expected one line)
        (header + "title = blurple on default", "light.theme:5: unknown colour 'blurple'"),
        (header + "title = default on blurple bold", "light.theme:5: unknown colour 'blurple'"),
        (header + "title = #ffffff | 15 | blurple on default", "light.theme:5: unknown colour 'blurple'"),
        (header + "tabs.active = white on blue", "light.theme:5: unknown role 'tabs.active'"),
        (header + "title = white blue", "light.theme:5: missing ' on ' between foreground and background"),
        (header + "title = whiteon blue", "light.theme:5: missing ' on ' between foreground and background"),
        (header + "title = on blue", "light.theme:5: missing foreground before ' on '"),
        (header + "title = white on", "light.theme:5: missing background after ' on '"),
        (header + "title = white bold on blue",
         "light.theme:5: unexpected 'bold' before ' on ' (attributes go after the background)"),
        (header + "title = 256 on default", "light.theme:5: colour index 256 out of range 0-255"),
        (header + "title = default on -1", "light.theme:5: colour index -1 out of range 0-255"),
        (header + "title = 99999999999999999999999 on 0",
         "light.theme:5: colour index 99999999999999999999999 out of range 0-255"),
        (header + "title = #12345 on default", "light.theme:5: bad hex colour '#12345' (expected #rrggbb)"),
        (header + "title = #12345g on default", "light.theme:5: bad hex colour '#12345g' (expected #rrggbb)"),
        (header + "title = #1234567 on default", "light.theme:5: bad hex colour '#1234567' (expected #rrggbb)"),
        (header + "title = white on blue blink",
         "light.theme:5: unknown attribute 'blink' (expected bold, dim, underline, reverse or italic)"),
        (header + "title = white on blue\nnormal = red on default", "light.theme:6: duplicate role 'normal' (first on line 4)"),
        ("name = x\n[meta]\nname = y", "light.theme:1: text outside a section (start with [meta] or [roles])"),
        ("# only a comment\n\nnormal = default on default\n[meta]\nname = x",
         "light.theme:3: text outside a section (start with [meta] or [roles])"),
        ("[meta]\ndescription = no name\n[roles]\nnormal = default on default\n", "light.theme:1: missing name in [meta]"),
        ("# header\n[roles]\nnormal = default on default\n", "light.theme:1: missing name in [meta]"),
        ("[meta]\nname =\n", "light.theme:2: empty value for 'name'"),
        ("[meta]\nname = a\nname = b\n", "light.theme:3: duplicate key 'name' (first on line 2)"),
        ("[meta]\nnmae = a\n", "light.theme:2: unknown key 'nmae' in [meta] (expected name or description)"),
        ("[meta]\nname = a\n[colours]\n", "light.theme:3: unknown section [colours] (expected [meta] or [roles])"),
        ("[meta]\nname = a\n[roles\n", "light.theme:3: bad section header '[roles' (expected [meta] or [roles])"),
        (header + "[roles]\n", "light.theme:5: duplicate section [roles] (first on line 3)"),
        (header + "just some words", "light.theme:5: expected 'key = value'"),
        (header + "= red on blue", "light.theme:5: expected 'key = value'"),
        (header + "title =", "light.theme:5: empty value for 'title'"),
        (header + "title = #ffffff | | white on default", "light.theme:5: empty colour in chain '#ffffff||white'"),
        (header + "title = #ffffff | on default", "light.theme:5: empty colour in chain '#ffffff|'"),
        (header + "title = white | 15 | red on default",
         "light.theme:5: two colour names in one chain: 'white' and 'red'"),
        (header + "title = default | white on default",
         "light.theme:5: two colour names in one chain: 'default' and 'white'"),
        (header + "title = 1 | 2 on default", "light.theme:5: two colour indexes in one chain: '1' and '2'"),
        (header + "title = #000000|#ffffff on default",
         "light.theme:5: two #rrggbb colours in one chain: '#000000' and '#ffffff'"),
    ])
    func refusesABrokenFile(text: String, expected: String) {
        #expect(Self.refusal(text) == expected)
    }

    @Test func errorsCountLinesWithCRLFAndKeepTheirParts() throws {
        let text = "[meta]\r\nname = x\r\n[roles]\r\n\r\ntitle = blurple on default\r\n"
        do {
            _ = try Theme.parse(text, file: "/home/a/.config/tradeguard/themes/x.theme")
            Issue.record("parsed")
        } catch {
            #expect(error.file == "/home/a/.config/tradeguard/themes/x.theme")
            #expect(error.line == 5)
            #expect(error.reason == .colour(.unknownColour("blurple")))
            #expect(error.description == "/home/a/.config/tradeguard/themes/x.theme:5: unknown colour 'blurple'")
        }
    }

    // MARK: Colours

    /// Hand-checked: cube levels 0, 95, 135, 175, 215, 255 (index 16 + 36r + 6g + b) and greys
    /// 8 + 10n (index 232 + n); nearest by squared distance, ties to the lower index.
    @Test(arguments: [
        ("#000000", 16), ("#ffffff", 231), ("#ff0000", 196), ("#00ff00", 46), ("#0000ff", 21),
        ("#005f87", 24),   // exact cube (0, 1, 2)
        ("#5f87af", 67),   // exact cube (1, 2, 3): 16 + 36 + 12 + 3
        ("#808080", 244),  // grey 128 = 8 + 10·12; the cube's 135 grey is 3·7² away
        ("#767676", 243),  // grey 118 = 8 + 10·11
        ("#080808", 232), ("#eeeeee", 255),
        ("#040404", 16),   // 4 is as far from 0 (index 16) as from grey 8 (index 232): the lower wins
        ("#730000", 52),   // red 115 is halfway between 95 and 135: the lower index (52, not 88)
        ("#e69f00", 178),  // Okabe-Ito orange: 230→215, 159→175, 0 → (4, 3, 0)
        ("#56b4e9", 74),   // Okabe-Ito sky blue: 86→95, 180→175, 233→215 → (1, 3, 4)
        ("#d55e00", 166),  // vermillion: 213→215, 94→95 → (4, 1, 0)
        ("#123456", 23),   // (0, 95, 95) at 2254 beats greys 48 (2360) and 58 (2420)
    ])
    func nearest256(hex: String, index: Int) throws {
        let rgb = try #require(RGB(hex: hex))
        #expect(XtermPalette.nearest256(rgb) == index)
        #expect(try Self.spec(hex).resolve(depth: .twoFiftySix) == .indexed(index))
    }

    @Test func paletteIsXterms() {
        #expect(XtermPalette.all.count == 256)
        #expect(XtermPalette.rgb(ofIndex: 16) == RGB(0, 0, 0))
        #expect(XtermPalette.rgb(ofIndex: 24) == RGB(0, 95, 135))
        #expect(XtermPalette.rgb(ofIndex: 231) == RGB(255, 255, 255))
        #expect(XtermPalette.rgb(ofIndex: 232) == RGB(8, 8, 8))
        #expect(XtermPalette.rgb(ofIndex: 255) == RGB(238, 238, 238))
        #expect(XtermPalette.rgb(ofIndex: 9) == RGB(255, 0, 0))
        // Every cube and grey colour maps to itself.
        for i in 16..<256 {
            let rgb = XtermPalette.rgb(ofIndex: i)
            let found = XtermPalette.nearest256(rgb)
            #expect(XtermPalette.rgb(ofIndex: found) == rgb, "index \(i)")
        }
        #expect(RGB(hex: "#E69F00")?.hex == "#e69f00")
    }

    @Test(arguments: [
        // (chain, 256, 16, 8)
        ("#ff0000", 196, 9, 1),
        ("#808080", 244, 8, 7),               // a grey stays grey on 8 colours (plain nearest would be yellow)
        ("#005f87", 24, 6, 6),                // deep blue is nearest to xterm's cyan
        ("#005f87 | 24 | blue", 24, 4, 4),    // the name wins on 16 and 8
        ("#ffffff | 15 | white", 231, 15, 7), // 15 on 16; on 8 the name
        ("#808080 | 8 | white", 244, 8, 7),
        ("#6c6c6c | 8 | black", 242, 8, 0),
        ("#123456 | 200", 23, 0, 0),          // neither usable on 16/8: the hex comes down
        ("200 | #123456", 200, 13, 5),        // index 200 = (255, 0, 215) → bright-magenta / magenta
        ("24", 24, 6, 6),
        ("3", 3, 3, 3),
        ("12", 12, 12, 4),                    // bright-blue (92, 92, 255) → blue on 8
        ("bright-red", 9, 9, 1),
        ("bright-black", 8, 8, 7),
        ("grey", 8, 8, 7),
        ("bright-blue", 12, 12, 4),
        ("blue | #ff0000", 4, 4, 4),          // order decides on 256 too
    ])
    func downgrades(chain: String, at256: Int, at16: Int, at8: Int) throws {
        let spec = try Self.spec(chain)
        #expect(spec.resolve(depth: .twoFiftySix) == .indexed(at256))
        #expect(spec.resolve(depth: .sixteen) == .indexed(at16))
        #expect(spec.resolve(depth: .eight) == .indexed(at8))
        #expect(spec.resolve(depth: .mono) == .terminalDefault)
    }

    @Test func defaultIsTheTerminalsOwnAtEveryDepth() throws {
        for depth in ColorDepth.allCases {
            #expect(try Self.spec("default").resolve(depth: depth) == .terminalDefault)
        }
        // On 16/8 colours `default` is usable and taken when it comes before anything usable.
        let spec = try Self.spec("#ffffff | 15 | default")
        #expect(spec.resolve(depth: .twoFiftySix) == .indexed(231))
        #expect(spec.resolve(depth: .sixteen) == .indexed(15))
        #expect(spec.resolve(depth: .eight) == .terminalDefault)
    }

    @Test func namesMapToTheirIndexes() throws {
        #expect(ColorName.allCases.map(\.index) == Array(0..<16))
        #expect(ColorName("GRAY") == .brightBlack)
        #expect(ColorName("Bright-White") == .brightWhite)
        #expect(ColorName("brightwhite") == nil)
        #expect(try Self.spec("magenta").resolve(depth: .twoFiftySix) == .indexed(5))
    }

    // MARK: Resolving a theme

    static let sample = """
    [meta]
    name = sample
    [roles]
    normal     = #d0d0d0 | 252 | white on default
    selected   = #ffffff | 15 | bright-white on #005f87 | 24 | blue bold
    tab.active = #000000 | 16 | black on #87afd7 | 110 | cyan
    dialog     = #ff0000 on #ff0000
    muted      = #808080 | 244 | bright-black on default italic
    """

    @Test func resolvesForEachDepth() throws {
        let theme = try Theme.parse(Self.sample, file: "sample.theme")
        let t256 = theme.resolve(depth: .twoFiftySix, noColor: false)
        #expect(t256.name == "sample")
        #expect(t256.depth == .twoFiftySix)
        #expect(t256.styles.count == Role.allCases.count)
        #expect(t256.style(.selected) == ResolvedStyle(foreground: .indexed(231), background: .indexed(24), attributes: [.bold]))
        #expect(t256.style(.tabActive) == ResolvedStyle(foreground: .indexed(16), background: .indexed(110)))
        #expect(t256.style(.title) == ResolvedStyle(foreground: .indexed(252)))  // not listed: normal
        // 256 colours keep what the theme says, even red on red.
        #expect(t256.style(.dialog) == ResolvedStyle(foreground: .indexed(196), background: .indexed(196)))

        let t16 = theme.resolve(depth: .sixteen, noColor: false)
        #expect(t16.depth == .sixteen)
        #expect(t16.style(.selected) == ResolvedStyle(foreground: .indexed(15), background: .indexed(4), attributes: [.bold]))
        #expect(t16.style(.tabActive) == ResolvedStyle(foreground: .indexed(0), background: .indexed(6)))
        #expect(t16.style(.muted) == ResolvedStyle(foreground: .indexed(8), attributes: [.italic]))
        // Text that would fall on its own background becomes black or white, whichever reads.
        #expect(t16.style(.dialog) == ResolvedStyle(foreground: .indexed(15), background: .indexed(9)))

        let t8 = theme.resolve(depth: .eight, noColor: false)
        #expect(t8.style(.selected) == ResolvedStyle(foreground: .indexed(7), background: .indexed(4), attributes: [.bold]))
        #expect(t8.style(.normal) == ResolvedStyle(foreground: .indexed(7)))
        #expect(t8.style(.muted) == ResolvedStyle(foreground: .indexed(7), attributes: [.italic]))
        #expect(t8.style(.dialog) == ResolvedStyle(foreground: .indexed(7), background: .indexed(1)))
        for style in t8.styles.values {
            for colour in [style.foreground, style.background] {
                if case .indexed(let i) = colour { #expect(i < 8) }
            }
        }
    }

    @Test func monoAndNoColorUseAttributesOnly() throws {
        let theme = try Theme.parse(Self.sample, file: "sample.theme")
        let mono = theme.resolve(depth: .mono, noColor: false)
        let noColor = theme.resolve(depth: .twoFiftySix, noColor: true)
        #expect(mono == noColor)
        #expect(noColor.depth == .mono)
        for role in Role.allCases {
            #expect(mono.style(role).foreground == .terminalDefault)
            #expect(mono.style(role).background == .terminalDefault)
        }
        // Listed with attributes: those, plus reverse for a coloured bar that would vanish.
        #expect(mono.style(.selected).attributes == [.bold, .reverse])
        #expect(mono.style(.muted).attributes == [.italic])
        // Listed without attributes, or not listed: the defaults.
        #expect(mono.style(.tabActive).attributes == [.reverse, .bold])
        #expect(mono.style(.dialog).attributes == [.reverse])
        #expect(mono.style(.title).attributes == [.bold, .reverse])
        #expect(mono.style(.inputError).attributes == [.bold, .underline])
        #expect(mono.style(.input).attributes == [.underline])
        #expect(mono.style(.moneyUncovered).attributes == [.underline])
        #expect(mono.style(.deadlineOverdue).attributes == [.bold, .underline])
        #expect(mono.style(.normal).attributes == [])
        #expect(mono.style(.money).attributes == [])
    }

    @Test func unlistedRolesInheritNormalsAttributesInMonoWhenTheyHaveNoDefault() throws {
        let theme = try Theme.parse("[meta]\nname = x\n[roles]\nnormal = default on default dim\n", file: "x.theme")
        let mono = theme.resolve(depth: .mono, noColor: false)
        #expect(mono.style(.money).attributes == [.dim])
        #expect(mono.style(.selected).attributes == [.reverse])
    }

    // MARK: Shipped themes

    @Test func theShippedThemesAreTheFive() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("themes").path)
        #expect(files.filter { $0.hasSuffix(".theme") }.sorted() == Self.shippedNames.map { $0 + ".theme" })
    }

    @Test(arguments: shippedNames)
    func shippedThemeIsCompleteAndConsistent(name: String) throws {
        let theme = try Self.shipped(name)
        #expect(theme.name == name)
        #expect(!theme.description.isEmpty)
        #expect(Set(theme.roles.keys) == Set(Role.allCases), "every role listed")
        for (role, style) in theme.roles {
            for spec in [style.foreground, style.background] {
                if spec.isTerminalDefault { continue }
                // A full chain: #rrggbb | index | name, in that order.
                guard spec.chain.count == 3, case .rgb(let rgb) = spec.chain[0], case .index(let index) = spec.chain[1],
                      case .name = spec.chain[2] else {
                    Issue.record("\(name): \(role.rawValue): not a full chain: \(spec)")
                    continue
                }
                // The index is the hex's nearest 256 colour, or a deliberate choice for 16 colours.
                #expect(index < 16 || index == XtermPalette.nearest256(rgb), "\(name): \(role.rawValue): \(spec)")
            }
            // Text never takes the terminal's own colour on a background of ours.
            #expect(!(style.foreground.isTerminalDefault && !style.background.isTerminalDefault), "\(name): \(role.rawValue)")
        }
    }

    /// On 256 colours text reads at WCAG AA (4.5:1; high-contrast AAA 7:1), borders at 3:1,
    /// against the theme's background or, where it uses the terminal's, black (dark themes) or
    /// white (light). On 16 and 8 colours (xterm's RGB) nothing falls on its own background and
    /// text stays legible.
    @Test(arguments: shippedNames.filter { $0 != "mono" })
    func shippedColourThemeReads(name: String) throws {
        let theme = try Self.shipped(name)
        let dark = Self.darkThemes.contains(name)
        let terminalBackground = dark ? RGB(0, 0, 0) : RGB(255, 255, 255)
        var checked = 0
        for depth in [ColorDepth.twoFiftySix, .sixteen, .eight] {
            let resolved = theme.resolve(depth: depth, noColor: false)
            for role in Role.allCases {
                let style = resolved.style(role)
                guard case .indexed(let fg) = style.foreground else {
                    #expect(style.background == .terminalDefault, "\(name) \(depth) \(role.rawValue)")
                    continue
                }
                #expect(style.foreground != style.background, "\(name) \(depth) \(role.rawValue)")
                let background: RGB
                if case .indexed(let bg) = style.background { background = XtermPalette.rgb(ofIndex: bg) } else { background = terminalBackground }
                let ratio = Self.contrast(XtermPalette.rgb(ofIndex: fg), background)
                let needed: Double = switch depth {
                case .twoFiftySix: name == "high-contrast" ? 7 : role == .border ? 3 : 4.5
                default: style.background == .terminalDefault ? 2 : 3
                }
                #expect(ratio >= needed, "\(name) \(depth) \(role.rawValue): \(ratio)")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    /// Without colour every shipped theme still tells the parts of the screen apart.
    @Test(arguments: shippedNames)
    func shippedThemeReadsWithoutColour(name: String) throws {
        let mono = try Self.shipped(name).resolve(depth: .twoFiftySix, noColor: true)
        func attrs(_ role: Role) -> Set<TextAttribute> { mono.style(role).attributes }
        let mustDiffer: [(Role, Role)] = [
            (.selected, .normal), (.tabActive, .tab), (.title, .normal), (.header, .normal), (.dialog, .normal),
            (.statusDanger, .normal), (.inputError, .input), (.moneyUncovered, .money), (.deadlineOverdue, .normal),
            (.muted, .normal), (.caption, .normal), (.hintKey, .hintText), (.statusDanger, .statusOK),
        ]
        for (a, b) in mustDiffer {
            #expect(attrs(a) != attrs(b), "\(name): \(a.rawValue) and \(b.rawValue) look alike without colour")
        }
        #expect(attrs(.selected).contains(.reverse), "\(name): the selection is a bar")
        #expect(attrs(.tabActive).contains(.reverse), "\(name): the active tab is a bar")
    }

    @Test func monoThemeHasNoColoursAtAnyDepth() throws {
        let theme = try Self.shipped("mono")
        for depth in ColorDepth.allCases {
            for style in theme.resolve(depth: depth, noColor: false).styles.values {
                #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
            }
        }
        #expect(theme.resolve(depth: .twoFiftySix, noColor: false).styles
                == theme.resolve(depth: .mono, noColor: false).styles)
    }

    @Test func everyShippedThemeIsEmbeddedByteForByte() throws {
        #expect(EmbeddedThemes.all.map(\.name).sorted() == Self.shippedNames)
        for (name, text) in EmbeddedThemes.all {
            let file = try Data(contentsOf: Self.packageRoot.appendingPathComponent("themes/\(name).theme"))
            #expect(Data(text.utf8) == file, "\(name): the embedded copy differs from themes/\(name).theme")
        }
        #expect(Theme.builtInDefault == (try Self.shipped("default")))
    }

    @Test func aBinaryFarFromThePackageHasEveryShippedTheme() throws {
        // No config folder, no install prefix, no package: only what the binary carries.
        let catalog = ThemeCatalog(environment: [:], executablePath: "/nowhere/tradeguard", packageRoot: nil)
        #expect(catalog.searchPath.isEmpty)
        for name in Self.shippedNames {
            #expect(try catalog.load(name: name) == (try Self.shipped(name)), "\(name)")
        }
        #expect(catalog.list().map(\.name) == Self.shippedNames)
    }

    // MARK: Catalog

    /// A temporary folder tree, removed when the test ends.
    final class Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tg-themes-\(UUID().uuidString)").path
        init() { try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        @discardableResult
        func write(_ relative: String, _ text: String) throws -> String {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func theme(_ relative: String, name: String, description: String) throws {
            try write(relative, "[meta]\nname = \(name)\ndescription = \(description)\n[roles]\nnormal = default on default\n")
        }
    }

    @Test func xdgBeatsInstallBeatsPackageBeatsEmbedded() throws {
        let s = Scratch()
        try s.theme("xdg/tradeguard/themes/light.theme", name: "light", description: "user light")
        try s.theme("prefix/share/tradeguard/themes/light.theme", name: "light", description: "installed light")
        try s.theme("prefix/share/tradeguard/themes/solar.theme", name: "solar", description: "installed solar")
        try s.write("pkg/Package.swift", "// swift-tools-version:6.0\n")
        try s.theme("pkg/themes/light.theme", name: "light", description: "package light")
        try s.theme("pkg/themes/solar.theme", name: "solar", description: "package solar")
        try s.theme("pkg/themes/extra.theme", name: "extra", description: "package extra")

        // The executable in PREFIX/bin, and the package found through packageRoot.
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": s.root + "/xdg", "HOME": s.root + "/home"],
                                   executablePath: s.root + "/prefix/bin/tradeguard", packageRoot: s.root + "/pkg")
        #expect(catalog.searchPath == [
            ThemeDirectory(place: .user, path: s.root + "/xdg/tradeguard/themes"),
            ThemeDirectory(place: .installed, path: s.root + "/prefix/share/tradeguard/themes"),
            ThemeDirectory(place: .package, path: s.root + "/pkg/themes"),
        ])
        #expect(try catalog.load(name: "light").description == "user light")
        #expect(try catalog.load(name: "solar").description == "installed solar")
        #expect(try catalog.load(name: "extra").description == "package extra")
        #expect(try catalog.load(name: "default") == Theme.builtInDefault)
        #expect(catalog.locate(name: "default")?.place == .embedded)

        let list = catalog.list()
        // Every shipped theme is built in; a user's file of the same name (light) wins.
        #expect(list.map(\.name) == ["colorblind", "default", "extra", "high-contrast", "light", "mono", "solar"])
        #expect(list.map(\.place) == [.embedded, .embedded, .package, .embedded, .user, .embedded, .installed])
        #expect(list.first { $0.name == "light" }?.description == "user light")
        #expect(list.first { $0.name == "light" }?.path == s.root + "/xdg/tradeguard/themes/light.theme")
        #expect(list.allSatisfy { $0.problem == nil })
    }

    @Test func packageIsFoundByWalkingUpFromTheExecutable() throws {
        let s = Scratch()
        try s.write("pkg/Package.swift", "// swift-tools-version:6.0\n")
        try s.theme("pkg/themes/default.theme", name: "default", description: "package default")
        try s.write("pkg/.build/debug/tradeguard", "")
        try s.write("pkg/Sources/Package.swift", "")  // a Package.swift without themes/ beside it is passed over
        let executable = s.root + "/pkg/.build/debug/tradeguard"
        #expect(ThemeCatalog.findPackageRoot(above: executable) == s.root + "/pkg")
        #expect(ThemeCatalog.findPackageRoot(above: s.root + "/pkg/Sources/x") == s.root + "/pkg")
        #expect(ThemeCatalog.findPackageRoot(above: s.root + "/elsewhere/bin/tradeguard") == nil)

        let catalog = ThemeCatalog(environment: [:], executablePath: executable, packageRoot: nil)
        #expect(catalog.searchPath == [ThemeDirectory(place: .package, path: s.root + "/pkg/themes")])
        #expect(try catalog.load(name: "default").description == "package default")
        // The package's default wins over the built-in one; the other shipped themes are built in.
        #expect(catalog.list().map(\.place) == [.embedded, .package, .embedded, .embedded, .embedded])
    }

    @Test func configHomeFallsBackToHomeDotConfig() throws {
        let home = "/nonexistent/home/alice"
        for xdg in [nil, "", "relative/path"] as [String?] {
            var environment = ["HOME": home]
            environment["XDG_CONFIG_HOME"] = xdg
            let catalog = ThemeCatalog(environment: environment, executablePath: nil, packageRoot: nil)
            #expect(catalog.searchPath == [ThemeDirectory(place: .user, path: home + "/.config/tradeguard/themes")])
        }
        #expect(ThemeCatalog(environment: [:], executablePath: nil, packageRoot: nil).searchPath == [])
        // Not in a bin folder: no install prefix.
        #expect(ThemeCatalog(environment: [:], executablePath: "/opt/tg/tradeguard", packageRoot: nil).searchPath == [])
    }

    @Test func missingThemeFallsBackToTheEmbeddedDefaultAndSaysWhy() throws {
        let s = Scratch()
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": s.root], executablePath: nil, packageRoot: nil)
        let selection = catalog.choose(flag: "solarized", configured: nil)
        #expect(selection.theme == Theme.builtInDefault)
        #expect(selection.requested == "solarized")
        #expect(selection.source == .flag)
        #expect(selection.error == .notFound("solarized", searched: [s.root + "/tradeguard/themes"]))
        #expect(selection.error?.description
                == "no theme 'solarized' (looked in \(s.root)/tradeguard/themes, the built-in themes)")
        #expect(selection.warning?.hasPrefix("theme 'solarized' (--theme) not used, built-in default instead: no theme") == true)
        // With nothing on disk, `default` is the embedded one, without error.
        let standard = catalog.choose(flag: nil, configured: nil)
        #expect(standard.theme == Theme.builtInDefault && standard.error == nil && standard.source == .standard)
        #expect(catalog.list().map(\.name) == Self.shippedNames)
        #expect(catalog.list().allSatisfy { $0.place == .embedded })
    }

    @Test func brokenChosenThemeFallsBackWithTheParseError() throws {
        let s = Scratch()
        let path = try s.write("tradeguard/themes/light.theme", "[meta]\nname = light\n[roles]\ntitle = blurple on default\n")
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": s.root], executablePath: nil, packageRoot: nil)
        let selection = catalog.choose(flag: nil, configured: "light")
        #expect(selection.theme == Theme.builtInDefault)
        #expect(selection.source == .config)
        #expect(selection.error?.description == "\(path):4: unknown colour 'blurple'")
        guard case .invalid(let error) = selection.error else { Issue.record("not a parse error"); return }
        #expect(error.line == 4)
        // Listed, with its problem.
        let light = catalog.list().first { $0.name == "light" }
        #expect(light?.problem == "\(path):4: unknown colour 'blurple'")
        #expect(light?.place == .user)
    }

    @Test func unreadableAndBadNamesAreRefused() throws {
        let s = Scratch()
        let binary = s.root + "/tradeguard/themes/binary.theme"
        try FileManager.default.createDirectory(atPath: s.root + "/tradeguard/themes/folder.theme", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: binary, contents: Data([0x5B, 0xFF, 0xFE, 0x5D])))
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": s.root], executablePath: nil, packageRoot: nil)
        #expect(throws: ThemeLoadError.unreadable(path: binary, reason: "not UTF-8 text")) { try catalog.load(name: "binary") }
        #expect(throws: ThemeLoadError.unreadable(path: s.root + "/tradeguard/themes/folder.theme", reason: "not a file")) {
            try catalog.load(name: "folder")
        }
        for bad in ["../etc/passwd", "", ".hidden", "a/b", "dark theme", String(repeating: "x", count: 65)] {
            #expect(throws: ThemeLoadError.badName(bad)) { try catalog.load(name: bad) }
        }
        #expect(ThemeCatalog.isValidName("high-contrast") && ThemeCatalog.isValidName("my_theme.v2"))
    }

    @Test func flagBeatsEnvironmentBeatsConfigBeatsDefault() throws {
        let s = Scratch()
        for name in ["flagged", "environed", "configured"] {
            try s.theme("tradeguard/themes/\(name).theme", name: name, description: name)
        }
        func choose(flag: String?, env: String?, configured: String?) -> ThemeSelection {
            var environment = ["XDG_CONFIG_HOME": s.root]
            environment["TRADEGUARD_THEME"] = env
            return ThemeCatalog(environment: environment, executablePath: nil, packageRoot: nil)
                .choose(flag: flag, configured: configured)
        }
        let all = choose(flag: "flagged", env: "environed", configured: "configured")
        #expect(all.theme.name == "flagged" && all.source == .flag && all.error == nil && all.warning == nil)
        let noFlag = choose(flag: nil, env: "environed", configured: "configured")
        #expect(noFlag.theme.name == "environed" && noFlag.source == .environment)
        let onlyConfig = choose(flag: "", env: "", configured: " configured ")
        #expect(onlyConfig.theme.name == "configured" && onlyConfig.source == .config)
        let nothing = choose(flag: nil, env: nil, configured: nil)
        #expect(nothing.theme == Theme.builtInDefault && nothing.source == .standard && nothing.requested == "default")
    }

    @Test func noColorMeansAnyNonEmptyValue() throws {
        func catalog(_ value: String?) -> ThemeCatalog {
            var environment: [String: String] = [:]
            environment["NO_COLOR"] = value
            return ThemeCatalog(environment: environment, executablePath: nil, packageRoot: nil)
        }
        #expect(!catalog(nil).noColor)
        #expect(!catalog("").noColor)
        #expect(catalog("1").noColor)
        #expect(catalog("0").noColor)  // any value, even "0" (no-color.org)
        let selection = catalog("yes").choose(flag: nil, configured: nil)
        #expect(selection.noColor)
        let resolved = selection.resolve(depth: .twoFiftySix)
        #expect(resolved.depth == .mono)
        #expect(resolved.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(resolved.style(.selected).attributes.contains(.reverse))
        #expect(catalog(nil).choose(flag: nil, configured: nil).resolve(depth: .twoFiftySix).depth == .twoFiftySix)
    }

    @Test func theRepositoryCatalogListsTheShippedThemes() throws {
        let catalog = ThemeCatalog(environment: [:], executablePath: nil, packageRoot: Self.packageRoot.path)
        let list = catalog.list()
        #expect(list.map(\.name) == Self.shippedNames)
        #expect(list.allSatisfy { $0.place == .package && $0.problem == nil && !$0.description.isEmpty })
        for name in Self.shippedNames {
            #expect(try catalog.load(name: name) == (try Self.shipped(name)))
        }
    }
}

/// `:theme NAME` inside the app: the frames are drawn with it from the next key on.
struct ThemeSwitchTests {
    @Test func theThemeCommandSwitchesAndListsWithoutAName() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "hanse-kuechen")
        var asked: [String] = []
        let light = try ThemeCatalog(environment: [:], executablePath: nil).load(name: "light").resolve(depth: .twoFiftySix, noColor: false)
        app.themeSwitcher = { name in
            asked.append(name)
            return (light, nil)
        }
        try runner.run(Script.parse("cmd theme light\nexpect \"Theme light, remembered\"", name: "t"))
        #expect(asked == ["light"])
        #expect(app.chosenTheme == light)
        try runner.run(Script.parse("cmd theme\nexpect \"high-contrast\"\nexpect \"colorblind\"", name: "t"))
    }

    @Test func withoutASwitcherTheCommandSaysHowInstead() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "hanse-kuechen")
        try runner.run(Script.parse("cmd theme light\nexpect \"start with --theme light\"", name: "t"))
        #expect(app.chosenTheme == nil)
    }
}
