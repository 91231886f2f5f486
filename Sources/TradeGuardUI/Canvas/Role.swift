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
}
