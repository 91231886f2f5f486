import TradeGuardCore

/// A subcommand's arguments after strict parsing: positionals, `--option value` pairs and flags.
/// Unknown options are usage errors, never ignored.
struct Arguments {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Parses `words` against the options a command declares. `--name=value` and `--name value`
    /// both work; `--` ends options. An option or flag given twice is refused: silently taking
    /// the last (`--amount 1.00 --amount 300.00`) would act on a value the user may not have meant.
    static func parse(_ words: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(CLIError) -> Arguments {
        var result = Arguments()
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("--") || word == "-" {
                if word == "--" && !optionsEnded { optionsEnded = true; continue }
                result.positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valueOptions.contains(name) || flagOptions.contains(name),
               result.values[name] != nil || result.flags.contains(name) {
                throw .usage("--\(name) is given more than once; give it once.")
            }
            if valueOptions.contains(name) {
                if let inlineValue { result.values[name, default: []].append(inlineValue); continue }
                guard index < words.count else { throw .usage("--\(name) needs a value.") }
                result.values[name, default: []].append(words[index])
                index += 1
            } else if flagOptions.contains(name) {
                guard inlineValue == nil else { throw .usage("--\(name) takes no value.") }
                result.flags.insert(name)
            } else {
                throw .usage("Unknown option \(TextRules.shown("--" + name)).")
            }
        }
        return result
    }
}

/// How a command ends when it does not succeed: usage mistakes exit 2, refused or failed
/// operations exit 1. Each carries one sentence for stderr.
enum CLIError: Error, Equatable {
    case usage(String)
    case failed(String)

    var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failed: return 1
        }
    }

    var message: String {
        switch self {
        case let .usage(text), let .failed(text): return text
        }
    }
}
