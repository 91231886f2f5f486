/// Options that may come before the command word (`tradeguard --db X orders`), as they do for
/// the full-screen app. They are moved behind the command word, so the command parses them as
/// its own: one place checks them, and one given twice is refused there.
enum GlobalOptions {
    static let names: Set<String> = ["db", "as", "theme"]

    /// The leading global options of `words` and the words from the first other one on.
    static func split(_ words: [String]) -> (options: [String], rest: [String]) {
        var index = 0
        while index < words.count, words[index].hasPrefix("--") {
            let name = words[index].dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard names.contains(String(name)) else { break }
            index += words[index].contains("=") ? 1 : 2
        }
        index = min(index, words.count)
        return (Array(words[..<index]), Array(words[index...]))
    }

    /// `words` with leading global options moved behind a command word that follows them;
    /// unchanged when no command follows (the full-screen app takes them as they are).
    static func reorder(_ words: [String], commands: Set<String>) throws(CLIError) -> [String] {
        let (options, rest) = split(words)
        guard !options.isEmpty, let command = rest.first, commands.contains(command) else { return words }
        if options.contains(where: { $0 == "--theme" || $0.hasPrefix("--theme=") }) {
            throw .usage("--theme applies only to the full-screen app, not to '\(command)'.")
        }
        return [command] + options + rest.dropFirst()
    }
}
