import TradeGuardStore

/// The status line as the models' commands speak to it (the app is it): a notice that fades,
/// an error, a box for what is too long for a line, or quiet. A workspace's command is handed
/// this, not the whole app.
protocol StatusMessages: AnyObject {
    func show(_ text: String, _ kind: Toast.Kind, lasting seconds: Double)
    func showError(_ error: Error)
    func showList(_ title: String, _ items: [String])
    /// Takes down the notice on show (it was about what is no longer in view).
    func clearNotice()
}

extension StatusMessages {
    /// A notice that fades: info after 2 s, errors after 4 s.
    func show(_ text: String, _ kind: Toast.Kind = .info) { show(text, kind, lasting: kind == .info ? 2 : 4) }
}

/// What the status line says: a toast that fades, and the box for what is too long for it.
extension AppModel: StatusMessages {
    func show(_ text: String, _ kind: Toast.Kind, lasting seconds: Double) {
        toast = Toast(text: text, kind: kind, expires: uptime() + seconds)
    }

    func clearNotice() { toast = nil }

    /// The walkthrough keeps a step's last message up while its caption is read (issue 20): a
    /// caption must be true of the screen, and a two-second toast is gone before it is read.
    func holdToast() {
        if let toast { self.toast = Toast(text: toast.text, kind: toast.kind, expires: .infinity) }
    }

    /// Lets a held message fade as usual (the next step, or take-over).
    func releaseToast() {
        if let toast, toast.expires == .infinity { self.toast = Toast(text: toast.text, kind: toast.kind, expires: uptime() + 2) }
    }

    /// One sentence for a person: SQLite's own errors (a damaged page met while browsing, a
    /// full disk, a lock held too long) say what happened instead of showing a result code.
    func showError(_ error: Error) {
        show(ErrorSentence.describe(error), .error)
    }

    /// Shows a notice from start-up (a created database, a broken theme or config line) as a
    /// toast; errors stay for 4 s.
    public func notice(_ text: String) {
        // Longer than a toast: the first frame may take a moment to be looked at.
        let kind: Toast.Kind = text.contains(": ") && !text.hasPrefix("Created") ? .error : .info
        toast = Toast(text: text, kind: kind, expires: uptime() + 6)
    }

    /// Shows `items` in full in a box over the screen (problems to fix, a long refusal); closing
    /// it returns to what is open now.
    func showList(_ title: String, _ items: [String]) {
        overlay = .message(MessageModel(title: title, items: items, returnTo: overlay))
    }
}

/// A message on the status line that fades: info after 2 s, errors after 4 s.
struct Toast {
    enum Kind { case info, error }
    let text: String
    let kind: Kind
    let expires: Double
}
