import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// xterm's terminfo makes every attribute reset also select the ASCII character set: `sgr0` is
/// `ESC ( B ESC [ m`, and `sgr` emits `ESC ( B` whenever the alternate character set is off.
/// That is for programs that draw lines with the alternate character set; this back end never
/// does (its lines are Unicode characters), so those three bytes say nothing, yet ncurses sends
/// them at each of the several attribute changes of a cursor move (DESIGN §7's bytes budget).
///
/// `trim` deletes them from ncurses' own copy of the two strings, in place, once at start:
/// `tigetstr` returns the very strings ncurses writes from. A terminal whose strings differ is
/// left exactly as it is. The emergency restore sequence is captured before this, so a crash
/// still resets the character set.
enum CharsetResetTrim {
    static let selectASCII = "\u{1B}(B"

    static func apply() {
        // sgr0: only a leading ESC ( B is dropped.
        _ = remove(selectASCII, from: "sgr0", onlyAtStart: true)
        // sgr: "%?%p9%t ESC ( 0 %e ESC ( B %;" (p9 is the alternate character set) becomes
        // "%?%p9%t ESC ( 0 %;": the set is still selected when asked for, never deselected.
        _ = remove("%e" + selectASCII, from: "sgr", onlyAtStart: false)
    }

    /// Removes the first occurrence of `pattern` from the terminfo string `capability`;
    /// true when it did.
    static func remove(_ pattern: String, from capability: String, onlyAtStart: Bool) -> Bool {
        guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { return false }
        let length = strlen(value)
        let bytes = Array(pattern.utf8)
        guard let start = firstIndex(of: bytes, in: UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: length)),
              !onlyAtStart || start == 0 else { return false }
        // Shift the rest (and its terminating NUL) left over the pattern.
        memmove(value + start, value + start + bytes.count, length - start - bytes.count + 1)
        return true
    }

    /// The index of the first occurrence of `pattern` in `text`.
    static func firstIndex(of pattern: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !pattern.isEmpty, text.count >= pattern.count else { return nil }
        for start in 0...(text.count - pattern.count) where text[start] == pattern[0] {
            if (1..<pattern.count).allSatisfy({ text[start + $0] == pattern[$0] }) { return start }
        }
        return nil
    }
}
