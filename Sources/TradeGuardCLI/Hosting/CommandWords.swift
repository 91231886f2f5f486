/// Splits what an SSH client asked to run (SSH_ORIGINAL_COMMAND) into words the way a person
/// expects from a shell's simple quoting — and nothing more: no shell ever sees it, so `;`, `|`,
/// `$(…)`, backquotes, `>` and globs are ordinary characters inside words.
///
/// Spaces and tabs separate words; '…' keeps everything literally; "…" keeps everything but
/// `\"` and `\\`; a backslash outside quotes takes the next character literally.
enum CommandWords {
    static let maxBytes = 65_536

    static func split(_ text: String) throws(CLIError) -> [String] {
        guard text.utf8.count <= maxBytes else { throw .usage("The command is longer than 64 KB; nothing was run.") }
        if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F || $0.value == 0xFFFD }) {
            throw .usage(bad.value == 0xFFFD ? "The command is not valid UTF-8 text; nothing was run."
                                             : "The command holds a control character (U+\(String(bad.value, radix: 16, uppercase: true))); nothing was run.")
        }
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let d = iterator.next() { if d == "'" { closed = true; break }; current.append(d) }
                guard closed else { throw .usage("A quote (') is not closed; nothing was run.") }
            case "\"":
                inWord = true
                var closed = false
                while let d = iterator.next() {
                    if d == "\"" { closed = true; break }
                    if d == "\\" {
                        guard let e = iterator.next() else { break }
                        if e != "\"" && e != "\\" { current.append("\\") }
                        current.append(e)
                    } else {
                        current.append(d)
                    }
                }
                guard closed else { throw .usage("A quote (\") is not closed; nothing was run.") }
            case "\\":
                inWord = true
                if let d = iterator.next() { current.append(d) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
