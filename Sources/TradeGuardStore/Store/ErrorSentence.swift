import Foundation

/// The one mapping from an error to the words a person reads, for both front ends: what the
/// store, opening a database, the domain or the file system threw, as one sentence.
public enum ErrorSentence {
    /// The sentence for `error`. SQLite's own errors are first mapped as a write maps them
    /// (`StoreError.wrap`: busy, disk full, damaged …), so a failed read reads like a failed write.
    public static func describe(_ error: Error) -> String {
        "\(StoreError.wrap(error))"   // a described error's description, else its value
    }

    /// `text` with closing punctuation, for a line that must read as a sentence (stderr).
    public static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return "Something went wrong." }
        return ".!?)".contains(last) ? trimmed : trimmed + "."
    }

    /// The system's words for a file-system error (a folder that cannot be made, a file that
    /// cannot be copied), without a closing full stop so it can sit inside a sentence.
    public static func fileReason(_ error: Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
