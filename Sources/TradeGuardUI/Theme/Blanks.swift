extension StringProtocol {
    /// Without leading and trailing blanks (spaces, tabs and other space separators), as
    /// Foundation's `trimmingCharacters(in: .whitespaces)` — in plain Swift, because theme files
    /// are parsed on every start and the Foundation bridge made that a third of start-up.
    var trimmingBlanks: String {
        func isBlank(_ c: Character) -> Bool {
            c == " " || c == "\t" || (c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
        }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
