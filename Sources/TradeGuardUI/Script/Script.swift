import Foundation

/// One step of a script (DESIGN §5): the same format for training walkthroughs and tests.
public enum ScriptStep: Equatable, Sendable {
    /// Act as this party (demo databases): runs `party.switch`.
    case act(as: String)
    case key(Key)
    /// Types text, one key per character.
    case type(String)
    /// Runs a palette command, as a person would: `:` then the text then Enter.
    case command(String)
    case caption(String)
    case wait(Double)
    /// `clock advance 7d`: runs `clock.advance`.
    case clockAdvance(String)
    case expect(String)
    case snapshot(String)
}

/// A parsed script: steps with the line each came from.
public struct Script: Sendable {
    public let name: String
    public let steps: [(line: Int, step: ScriptStep)]

    /// Parses the whole text first, so a mistake is reported with file, line and reason before
    /// anything runs. `#` starts a comment line; blank lines are ignored.
    public static func parse(_ text: String, name: String) throws(ScriptError) -> Script {
        var steps: [(Int, ScriptStep)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (word, rest) = split(line)
            func fail(_ reason: String) -> ScriptError { ScriptError(file: name, line: number, reason: reason) }
            switch word {
            case "as":
                guard !rest.isEmpty, !rest.contains(" ") else { throw fail("'as' takes one party handle") }
                steps.append((number, .act(as: rest)))
            case "key":
                let names = rest.split(separator: " ")
                guard !names.isEmpty else { throw fail("'key' needs a key name, e.g. key Down") }
                for name in names {
                    guard let key = Key(name: String(name)) else { throw fail("unknown key '\(name)'") }
                    steps.append((number, .key(key)))
                }
            case "type":
                steps.append((number, .type(try quoted(rest, fail))))
            case "cmd":
                guard !rest.isEmpty else { throw fail("'cmd' needs a command name") }
                steps.append((number, .command(rest)))
            case "caption":
                steps.append((number, .caption(try quoted(rest, fail))))
            case "wait":
                guard let seconds = Double(rest), seconds >= 0, seconds <= 600 else { throw fail("'wait' takes seconds from 0 to 600") }
                steps.append((number, .wait(seconds)))
            case "clock":
                let parts = rest.split(separator: " ")
                guard parts.count == 2, parts[0] == "advance" else { throw fail("write 'clock advance 7d'") }
                steps.append((number, .clockAdvance(String(parts[1]))))
            case "expect":
                steps.append((number, .expect(try quoted(rest, fail))))
            case "snapshot":
                guard !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw fail("'snapshot' takes a name of letters, digits, - and _")
                }
                steps.append((number, .snapshot(rest)))
            default:
                throw fail("unknown step '\(word)' (use as, key, type, cmd, caption, wait, clock, expect, snapshot)")
            }
        }
        return Script(name: name, steps: steps)
    }

    private static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), line[line.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }

    /// A double-quoted string with \" and \\ escapes.
    private static func quoted(_ text: String, _ fail: (String) -> ScriptError) throws(ScriptError) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { throw fail("expected text in double quotes") }
        var out = ""
        var escaped = false
        for c in text.dropFirst().dropLast() {
            if escaped {
                guard c == "\"" || c == "\\" else { throw fail("unknown escape '\\\(c)'") }
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                throw fail("a quote inside the text must be written \\\"")
            } else {
                out.append(c)
            }
        }
        if escaped { throw fail("the text ends with a lone backslash") }
        return out
    }
}

public struct ScriptError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}
