/// A form whose typing one stray key must not throw away: the first cancel (Esc) on a changed
/// form asks, a second one means it.
protocol EscapeGuarded: AnyObject {
    var isChanged: Bool { get }
    var escapePending: Bool { get set }
    var message: String? { get set }
}

extension EscapeGuarded {
    /// True when this is the first `cancelling` key on a changed form (it now asks `question`);
    /// any other key clears the question. Asked by the form's commands, so it follows the keys
    /// the registry binds to cancelling, not a key of its own.
    func holdsBackCancel(_ cancelling: Bool, asking question: @autoclosure () -> String) -> Bool {
        if cancelling, isChanged, !escapePending {
            escapePending = true
            message = question()
            return true
        }
        if escapePending {
            escapePending = false
            message = nil
        }
        return false
    }
}

extension FormModel: EscapeGuarded {}
extension ContractFormModel: EscapeGuarded {}
