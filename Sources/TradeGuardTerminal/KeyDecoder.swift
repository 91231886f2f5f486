import CNCurses
import TradeGuardUI

/// Turns what ncurses' `wget_wch` returned into a `Key`. Pure, so it is tested without a terminal.
public enum KeyDecoder {
    /// `status` is wget_wch's result: `OK` with a Unicode scalar in `code`, or `KEY_CODE_YES` with
    /// a KEY_* function-key code. nil for anything the app has no key for (ignore it and read on).
    public static func decode(status: Int32, code: UInt32) -> Key? {
        if status == OK { return character(code) }
        if status == KEY_CODE_YES { return functionKey(Int32(bitPattern: code)) }
        return nil
    }

    /// A character read in cbreak mode with nonl: Enter is 13 (Ctrl-J 10), Backspace 127 (or
    /// Ctrl-H 8), Ctrl-letters 1…26. Other control characters (NUL, 28…31, C1) mean nothing here.
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value + 96))))
        case 0...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A KEY_* code from keypad mode.
    public static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE: return .resize
        default:
            let f0 = cnc_key_f0()
            if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
            return nil
        }
    }
}
