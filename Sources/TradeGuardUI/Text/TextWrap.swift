/// Text broken into lines of at most `width` display columns, at spaces where it can and
/// inside a word only when the word alone is wider. Line breaks in the text are kept. Nothing
/// is cut: every character is on some line. One pass over the text, whatever its length.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = DisplayWidth.of(String(word))
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + wordWidth <= width {
                    if gap == 1 { line.append(" ") }
                    line += word
                    lineWidth += gap + wordWidth
                    continue
                }
                if !line.isEmpty { out.append(line) }
                line = ""
                lineWidth = 0
                if wordWidth <= width {
                    line = String(word)
                    lineWidth = wordWidth
                    continue
                }
                // A word wider than a line is broken where the width runs out (a URL, a CJK sentence).
                for character in word {
                    let w = DisplayWidth.of(character)
                    if lineWidth + w > width, !line.isEmpty {
                        out.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += w
                }
            }
            out.append(line)
        }
        return out
    }
}
