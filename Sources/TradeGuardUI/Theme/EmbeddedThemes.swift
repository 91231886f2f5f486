/// Built-in text the binary carries so that a copied binary still works (DESIGN §2).
public enum EmbeddedThemes {
    /// `themes/default.theme`, byte for byte (a test compares the two). After editing the file,
    /// paste it here again between the delimiters, indented by four spaces.
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
}
