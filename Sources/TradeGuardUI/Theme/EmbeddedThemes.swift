/// Built-in text the binary carries so that a copied binary still works (DESIGN §2): every
/// shipped theme, byte for byte as in `themes/` (a test compares each with its file). After
/// editing a file, paste it here again between the delimiters, indented by four spaces.
public enum EmbeddedThemes {
    /// The shipped themes by name, in the order `tradeguard themes` lists them.
    public static let all: [(name: String, text: String)] = [
        ("default", defaultTheme), ("light", light), ("high-contrast", highContrast), ("colorblind", colorblind), ("mono", mono),
    ]

    public static func text(named name: String) -> String? { all.first { $0.name == name }?.text }

    /// `themes/default.theme`.
    public static let defaultTheme = #"""
    # TradeGuard theme: default (dark).
    # Calm blues and greys on the terminal's own background; money in sea green, uncovered money
    # and overdue deadlines in red/orange, warnings in amber.
    #
    # Each role is   FG on BG [ATTRIBUTES]   and each colour a fallback chain
    #   #rrggbb | 0-255 | name
    # 256 colours take the #rrggbb (nearest xterm colour); 16 and 8 colours take the name (or an
    # index below 16/8); monochrome and NO_COLOR keep only the attributes. `default` is the
    # terminal's own colour. Roles not listed look like `normal`.

    [meta]
    name        = default
    description = Calm blues and greys for a dark terminal

    [roles]
    normal           = default                        on default
    title            = #ffffff | 231 | bright-white   on #005f87 | 24 | blue     bold
    tab              = #a8a8a8 | 248 | white          on default
    tab.active       = #000000 | 16 | black           on #87afd7 | 110 | cyan    bold
    header           = #87afd7 | 110 | cyan           on default                 bold
    selected         = #ffffff | 231 | bright-white   on #005f87 | 24 | blue     bold
    muted            = #808080 | 244 | bright-black   on default
    border           = #626262 | 241 | bright-black   on default
    hint.key         = #87d7ff | 117 | bright-cyan    on default                 bold
    hint.text        = #a8a8a8 | 248 | white          on default
    status.ok        = #87d787 | 114 | green          on default
    status.warn      = #ffaf00 | 214 | yellow         on default                 bold
    status.danger    = #ff5f5f | 203 | bright-red     on default                 bold
    money            = #87d7af | 115 | green          on default
    money.uncovered  = #ff8700 | 208 | bright-red     on default                 bold
    deadline.soon    = #ffd75f | 221 | yellow         on default
    deadline.overdue = #ff5f5f | 203 | bright-red     on default                 bold
    dialog           = #000000 | 16 | black           on #bcbcbc | 250 | white
    input            = #eeeeee | 255 | bright-white   on #444444 | 238 | blue
    input.error      = #ff8787 | 210 | bright-red     on default                 bold underline
    caption          = #000000 | 16 | black           on #ffd75f | 221 | yellow  bold

    """#

    /// `themes/light.theme`.
    public static let light = #"""
    # TradeGuard theme: light, for a terminal with a white or very light background.
    # Dark text throughout; deep blues for structure, dark red for danger, brown/amber for warnings.
    # On 16/8 colours, warnings use magenta: xterm's yellow is unreadable on white.
    # Greys give an index below 16 for 16 colours and a name for 8 (`#6c6c6c | 8 | black`:
    # bright-black on 16 colours, black on 8, where the only grey left would be white).

    [meta]
    name        = light
    description = Dark text and deep blues for a light terminal

    [roles]
    normal           = default                        on default
    title            = #ffffff | 231 | bright-white   on #3a3a3a | 237 | black   bold
    tab              = #4e4e4e | 239 | black          on default
    tab.active       = #ffffff | 231 | bright-white   on #005faf | 25 | blue     bold
    header           = #005f87 | 24 | blue            on default                 bold
    selected         = #000000 | 16 | black           on #afd7ff | 153 | cyan
    muted            = #6c6c6c | 8 | black            on default
    border           = #8a8a8a | 8 | black            on default
    hint.key         = #870087 | 90 | magenta         on default                 bold
    hint.text        = #4e4e4e | 239 | black          on default
    status.ok        = #008700 | 28 | green           on default
    status.warn      = #af5f00 | 130 | magenta        on default                 bold
    status.danger    = #af0000 | 124 | red            on default                 bold
    money            = #005f5f | 23 | black           on default
    money.uncovered  = #d70000 | 160 | red            on default                 bold
    deadline.soon    = #af5f00 | 130 | magenta        on default
    deadline.overdue = #d70000 | 160 | red            on default                 bold
    dialog           = #000000 | 16 | black           on #d0d0d0 | 252 | white
    input            = #000000 | 16 | black           on #ffffd7 | 230 | white   underline
    input.error      = #d70000 | 160 | red            on default                 bold underline
    caption          = #000000 | 16 | black           on #ffd75f | 221 | yellow  bold

    """#

    /// `themes/high-contrast.theme`.
    public static let highContrast = #"""
    # TradeGuard theme: high contrast (dark).
    # Pure black background everywhere, white text, bold emphasis; every text colour is at least
    # 7:1 against its background on a 256-colour terminal (WCAG AAA).

    [meta]
    name        = high-contrast
    description = White on black, bold emphasis, WCAG AAA contrast

    [roles]
    normal           = #ffffff | 15 | bright-white    on #000000 | 0 | black
    title            = #000000 | 0 | black            on #ffffff | 15 | bright-white   bold
    tab              = #ffffff | 15 | bright-white    on #000000 | 0 | black
    tab.active       = #000000 | 0 | black            on #ffff00 | 11 | bright-yellow  bold
    header           = #ffffff | 15 | bright-white    on #000000 | 0 | black           bold underline
    selected         = #000000 | 0 | black            on #00ffff | 14 | bright-cyan    bold
    muted            = #d0d0d0 | 252 | white          on #000000 | 0 | black
    border           = #ffffff | 15 | bright-white    on #000000 | 0 | black
    hint.key         = #000000 | 0 | black            on #ffffff | 15 | bright-white   bold
    hint.text        = #ffffff | 15 | bright-white    on #000000 | 0 | black
    status.ok        = #00ff00 | 10 | bright-green    on #000000 | 0 | black
    status.warn      = #ffff00 | 11 | bright-yellow   on #000000 | 0 | black           bold
    status.danger    = #ff8787 | 210 | bright-red     on #000000 | 0 | black           bold
    money            = #87ff87 | 120 | bright-green   on #000000 | 0 | black
    money.uncovered  = #ffaf5f | 215 | bright-red     on #000000 | 0 | black           bold underline
    deadline.soon    = #ffff00 | 11 | bright-yellow   on #000000 | 0 | black           bold
    deadline.overdue = #ff8787 | 210 | bright-red     on #000000 | 0 | black           bold underline
    dialog           = #000000 | 0 | black            on #ffffff | 15 | bright-white
    input            = #ffffff | 15 | bright-white    on #000000 | 0 | black           underline
    input.error      = #ff8787 | 210 | bright-red     on #000000 | 0 | black           bold underline
    caption          = #000000 | 0 | black            on #ffff00 | 11 | bright-yellow  bold

    """#

    /// `themes/colorblind.theme`.
    public static let colorblind = #"""
    # TradeGuard theme: colour-blind safe (dark), from the Okabe-Ito palette:
    #   #e69f00 orange   #56b4e9 sky blue   #009e73 bluish green   #f0e442 yellow
    #   #0072b2 blue     #d55e00 vermillion #cc79a7 reddish purple  black, white
    # Nothing relies on red against green: good is sky blue, warnings yellow, danger vermillion
    # with bold (and underline where money or deadlines are at stake); money itself is neutral.

    [meta]
    name        = colorblind
    description = Okabe-Ito palette for a dark terminal; never red against green

    [roles]
    normal           = default                        on default
    title            = #000000 | 16 | black           on #56b4e9 | 74 | cyan     bold
    tab              = #bcbcbc | 250 | white          on default
    tab.active       = #000000 | 16 | black           on #e69f00 | 178 | yellow  bold
    header           = #56b4e9 | 74 | cyan            on default                 bold
    selected         = #ffffff | 231 | bright-white   on #0072b2 | 25 | blue     bold
    muted            = #8a8a8a | 245 | bright-black   on default
    border           = #626262 | 241 | bright-black   on default
    hint.key         = #cc79a7 | 175 | magenta        on default                 bold
    hint.text        = #bcbcbc | 250 | white          on default
    status.ok        = #56b4e9 | 74 | cyan            on default
    status.warn      = #f0e442 | 221 | bright-yellow  on default                 bold
    status.danger    = #d55e00 | 166 | bright-red     on default                 bold
    money            = #eeeeee | 255 | bright-white   on default
    money.uncovered  = #e69f00 | 178 | yellow         on default                 bold underline
    deadline.soon    = #f0e442 | 221 | bright-yellow  on default
    deadline.overdue = #d55e00 | 166 | bright-red     on default                 bold underline
    dialog           = #000000 | 16 | black           on #d0d0d0 | 252 | white
    input            = #eeeeee | 255 | bright-white   on #444444 | 238 | blue
    input.error      = #d55e00 | 166 | bright-red     on default                 bold underline
    caption          = #000000 | 16 | black           on #f0e442 | 221 | bright-yellow bold

    """#

    /// `themes/mono.theme`.
    public static let mono = #"""
    # TradeGuard theme: mono. No colours at all, on any terminal: the terminal's own foreground and
    # background, with attributes to tell the parts apart (reverse bars, bold emphasis, underlined
    # errors and fields, dim secondary text).

    [meta]
    name        = mono
    description = No colours: reverse, bold, underline and dim only

    [roles]
    normal           = default on default
    title            = default on default  bold reverse
    tab              = default on default
    tab.active       = default on default  bold reverse
    header           = default on default  bold
    selected         = default on default  reverse
    muted            = default on default  dim
    border           = default on default
    hint.key         = default on default  bold
    hint.text        = default on default
    status.ok        = default on default
    status.warn      = default on default  bold
    status.danger    = default on default  bold underline
    money            = default on default
    money.uncovered  = default on default  underline
    deadline.soon    = default on default  bold
    deadline.overdue = default on default  bold underline
    dialog           = default on default  reverse
    input            = default on default  underline
    input.error      = default on default  bold underline
    caption          = default on default  bold reverse

    """#
}
