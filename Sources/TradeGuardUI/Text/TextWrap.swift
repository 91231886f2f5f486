/// Text broken into lines of at most `width` display columns, at spaces where it can and
/// inside a word only when the word alone is wider. Line breaks in the text are kept. Nothing
/// is cut: every character is on some line.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if DisplayWidth.of(candidate) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty { out.append(current) }
                current = word
                // A word wider than a line is broken where the width runs out (a URL, a CJK sentence).
                while DisplayWidth.of(current) > width {
                    let (head, _) = DisplayWidth.prefix(current, fitting: width)
                    guard !head.isEmpty else { break }
                    out.append(head)
                    current = String(current.dropFirst(head.count))
                }
            }
            out.append(current)
        }
        return out
    }
}
