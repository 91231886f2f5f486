import Testing
import TradeGuardTerminal

/// What follows an ESC, read from a scripted input: bracketed pastes, Alt keys, sequences the
/// terminfo entry does not name, a lone Esc.
struct EscapeSequenceReaderTests {
    /// Input as it arrives after the ESC; `read` hands it out in order, `unread` pushes back.
    final class Input {
        var pending: [RawInput]
        var pushedBack: [RawInput] = []
        init(_ text: String) { pending = text.unicodeScalars.map { .char($0.value) } }
        init(_ inputs: [RawInput]) { pending = inputs }
        var reader: EscapeSequenceReader {
            EscapeSequenceReader(read: { _ in self.pending.isEmpty ? nil : self.pending.removeFirst() },
                                 unread: { self.pending.insert($0, at: 0); self.pushedBack.append($0) })
        }
    }

    @Test func aBracketedPasteIsTextLineBreaksAndAll() {
        let input = Input("[200~Pack well.\rsubmit by Monday\u{1B}[201~j")
        #expect(input.reader.afterEscape() == .paste("Pack well.\nsubmit by Monday"))
        #expect(input.pending == [.char(UInt32(("j" as Unicode.Scalar).value))], "what follows the paste stays a key")
    }

    @Test func crLfInAPasteIsOneLineBreakAndControlsAreDropped() {
        let input = Input("[200~a\r\nb\tc\u{07}d\u{1B}[31me\u{1B}[201~")
        // The bell is dropped; an escape sequence inside the paste is dropped whole.
        #expect(input.reader.afterEscape() == .paste("a\nb cde"))
    }

    @Test func aPasteWithoutItsEndMarkerEndsWhenTheInputDoes() {
        #expect(Input("[200~half a paste").reader.afterEscape() == .paste("half a paste"))
    }

    @Test func altWithACharacterIsAnAltKeyNotTheCharacter() {
        #expect(Input("x").reader.afterEscape() == .alt("x"))
        #expect(Input("7").reader.afterEscape() == .alt("7"))
        #expect(Input("ü").reader.afterEscape() == .alt("ü"))
    }

    @Test func unknownSequencesAreSwallowedWhole() {
        let csi = Input("[15~q")
        #expect(csi.reader.afterEscape() == .swallowed)
        #expect(csi.pending == [.char(UInt32(("q" as Unicode.Scalar).value))])
        let ss3 = Input("OPq")
        #expect(ss3.reader.afterEscape() == .swallowed)
        #expect(ss3.pending.count == 1)
    }

    @Test func aLoneEscapeStaysEscapeAndWhatFollowsIsPushedBack() {
        #expect(Input("").reader.afterEscape() == .escape)
        let twice = Input("\u{1B}")
        #expect(twice.reader.afterEscape() == .escape)
        #expect(twice.pending == [.char(27)])
        let function = Input([.function(0x103)])
        #expect(function.reader.afterEscape() == .escape)
        #expect(function.pushedBack == [.function(0x103)])
    }
}
