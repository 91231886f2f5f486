/// What a piece of the screen *means*. Themes map roles to colours and attributes; screens only
/// ever name roles, so a theme can restyle everything and monochrome still reads.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case normal, title, tab
    case tabActive = "tab.active"
    case header, selected, muted, border
    case hintKey = "hint.key"
    case hintText = "hint.text"
    case statusOK = "status.ok"
    case statusWarn = "status.warn"
    case statusDanger = "status.danger"
    case money
    case moneyUncovered = "money.uncovered"
    case deadlineSoon = "deadline.soon"
    case deadlineOverdue = "deadline.overdue"
    case dialog, input
    case inputError = "input.error"
    case caption

    /// The case's place in `allCases`, for per-role tables read by index: a raw-value enum
    /// hashes its String (65-135 ns a lookup), and a frame's back end asks per cell.
    @inlinable public var ordinal: Int {
        switch self {
        case .normal: 0
        case .title: 1
        case .tab: 2
        case .tabActive: 3
        case .header: 4
        case .selected: 5
        case .muted: 6
        case .border: 7
        case .hintKey: 8
        case .hintText: 9
        case .statusOK: 10
        case .statusWarn: 11
        case .statusDanger: 12
        case .money: 13
        case .moneyUncovered: 14
        case .deadlineSoon: 15
        case .deadlineOverdue: 16
        case .dialog: 17
        case .input: 18
        case .inputError: 19
        case .caption: 20
        }
    }
}
