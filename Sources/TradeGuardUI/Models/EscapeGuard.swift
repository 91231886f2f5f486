/// A form whose typing Esc must not throw away on one key: the first Esc on a changed form
/// asks, a second one means it.
protocol EscapeGuarded: AnyObject {
    var isChanged: Bool { get }
    var escapePending: Bool { get set }
    var message: String? { get set }
}

extension EscapeGuarded {
    /// True when `key` was the first Esc on a changed form (now asking); any other key clears
    /// the question. `enterDoes` names what Enter would do instead ("save it").
    func holdsBackEscape(_ key: Key, enterDoes: String) -> Bool {
        if key == .escape, isChanged, !escapePending {
            escapePending = true
            message = "Press Esc again to throw away what you typed, or Enter to \(enterDoes)."
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
