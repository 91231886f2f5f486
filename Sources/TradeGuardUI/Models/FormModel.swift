import TradeGuardCore

/// A small form over the screen: the fields an action needs, edited in place. Nothing typed is
/// lost: a refusal, a busy database or a stale order keeps the form open with its text and the
/// reason shown above it.
final class FormModel {
    enum Kind {
        /// Free text; `required` refuses blank.
        case text(required: Bool)
        /// An amount in a currency (parsed strictly, never through floating point).
        case amount(Currency)
        /// One of a fixed set of values, changed with Left/Right or Space.
        case choice([String])
        /// A whole number of days.
        case days
    }

    struct Field {
        let label: String
        let kind: Kind
        let editor: LineEditor
        var error: String?
        var choiceIndex = 0

        var value: String {
            if case let .choice(options) = kind { return options[choiceIndex] }
            return editor.text
        }
    }

    let title: String
    /// Lines of context shown above the fields (what is due, who drafted, …).
    let context: [String]
    var fields: [Field]
    var focus = 0
    /// The refusal or problem from the last attempt, shown at the top.
    var message: String?
    /// Builds the command from the fields, or records field errors and returns nil.
    let build: (FormModel) -> OrderCommand?
    let code: OrderCode
    var version: Int

    init(title: String, context: [String], fields: [Field], code: OrderCode, version: Int, build: @escaping (FormModel) -> OrderCommand?) {
        self.title = title
        self.context = context
        self.fields = fields
        self.code = code
        self.version = version
        self.build = build
        openedValues = fields.map(\.value)
    }

    /// A field; `maxLength` is what the domain stores for it, so the field never refuses a
    /// character the domain would take (nor takes one it would refuse).
    static func field(_ label: String, _ kind: Kind, _ initial: String = "", maxLength: Int = LineEditor.maxLength,
                      allowsNewlines: Bool = false) -> Field {
        Field(label: label, kind: kind, editor: LineEditor(initial, maxLength: maxLength, allowsNewlines: allowsNewlines))
    }

    /// The values as opened, to know whether Esc would throw typing away.
    private(set) var openedValues: [String] = []
    var isChanged: Bool { fields.map(\.value) != openedValues }
    /// Esc was pressed once on a changed form: the next Esc throws it away.
    var escapePending = false

    /// Handles an editing key; returns false if the key is not the form's (Enter, Esc).
    func edit(_ key: Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        case .left where isChoice(focus), .right where isChoice(focus), .character(" ") where isChoice(focus):
            if case let .choice(options) = fields[focus].kind {
                let step = key == .left ? options.count - 1 : 1
                fields[focus].choiceIndex = (fields[focus].choiceIndex + step) % options.count
            }
        default:
            if isChoice(focus) { return key != .enter && key != .escape }
            fields[focus].apply(key)
            return key != .enter && key != .escape
        }
        return true
    }

    private func isChoice(_ index: Int) -> Bool {
        if case .choice = fields[index].kind { return true }
        return false
    }

    /// Parses field `index` as an amount, recording a precise error.
    func amount(_ index: Int, allowEmpty: Bool = false, allowZero: Bool = false) -> Money? {
        guard case let .amount(currency) = fields[index].kind else { return nil }
        if allowEmpty && fields[index].editor.text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        do { return try AmountParser.parse(fields[index].editor.text, currency: currency, allowZero: allowZero) } catch {
            fields[index].error = error.description
            return nil
        }
    }

    /// Field `index` as checked text (at most what its editor holds).
    func text(_ index: Int) -> String? {
        let required: Bool
        if case let .text(r) = fields[index].kind { required = r } else { required = true }
        do {
            return try TextRules.validate(fields[index].editor.text, field: fields[index].label.lowercased(),
                                          maxLength: fields[index].editor.maxLength, required: required,
                                          allowNewlines: fields[index].editor.allowsNewlines)
        } catch {
            fields[index].error = error.description
            return nil
        }
    }

    func days(_ index: Int) -> Int? {
        guard let n = Int(fields[index].editor.text.trimmingCharacters(in: .whitespaces)), (1...90).contains(n) else {
            fields[index].error = "Give a whole number of days from 1 to 90."
            return nil
        }
        return n
    }

    var hasErrors: Bool { fields.contains { $0.error != nil } }

    /// The command the fields build, checked afresh; nil with each field's error marked and
    /// the cursor on the first.
    func checkedCommand() -> OrderCommand? {
        message = nil
        for i in fields.indices { fields[i].error = nil }
        if let command = build(self), !hasErrors { return command }
        if let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
        return nil
    }
}

extension FormModel.Field {
    /// Edits the text. A key or a paste that does not fit says so in the field's error rather
    /// than vanishing: the person sees why the field stopped.
    mutating func apply(_ key: Key) {
        if case let .paste(text) = key {
            let (_, cut) = editor.insert(text)
            error = cut > 0 ? "\(cut) pasted character\(cut == 1 ? "" : "s") did not fit: this field holds at most \(editor.maxLength)." : nil
            return
        }
        if case .character = key, editor.isFull {
            error = "This field holds at most \(editor.maxLength) characters."
            return
        }
        if editor.edit(key) { error = nil }
    }
}

/// A yes/no question before a money or destructive action. The safe answer is the default:
/// only `y` goes ahead.
struct ConfirmModel {
    let question: String
    let details: [String]
    let yes: String
    let command: OrderCommand
    let code: OrderCode
    let version: Int
    /// The form to return to if the action is refused (its text is kept).
    let form: FormModel?
    /// True once the question has been on the screen: only keys read after that answer it.
    var armed = false
}
