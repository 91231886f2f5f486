import Foundation

/// How text is compared when a person filters: without case, accents or compatibility forms, so
/// `kuchen` finds "Küchen", `Yildiz` finds "Yıldız" and `ＡＢＣ` finds "ABC". The stored search
/// text and the typed filter go through the same `fold`, so they always agree.
public enum SearchFolding {
    /// Letters that are not an accented form of another (no decomposition removes their mark),
    /// written as their usual unaccented spelling.
    static let spelledOut: [Unicode.Scalar: String] = [
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
    ]

    /// Compatibility-decomposes, drops combining marks, lower-cases and spells out the letters above.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                // Marks belong to the letter before; a script whose vowels are spacing marks
                // (Devanagari, Thai) keeps them, since they change the word.
                if scalar.properties.generalCategory == .spacingMark { out.append(scalar) }
                continue
            default:
                break
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if let spelled = spelledOut[lower] { out.append(contentsOf: spelled.unicodeScalars) } else { out.append(lower) }
            }
        }
        return String(out)
    }

    /// Scripts written without spaces between words, where one or two characters already make a
    /// word (智能, 田中, かな): the trigram index needs three, so these get their own short index.
    public static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3040...0x30FF, 0x3100...0x312F, 0x31A0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0xF900...0xFAFF, 0x20000...0x3134F, 0x0E00...0x0E7F:
            return true
        default:
            return false
        }
    }

    /// The one- and two-character pieces of every unspaced run in `folded` text, each once: what
    /// a filter of one or two such characters looks up.
    public static func shortGrams(_ folded: String) -> Set<String> {
        var grams = Set<String>()
        var previous: Character?
        for character in folded {
            guard let scalar = character.unicodeScalars.first, isUnspaced(scalar) else { previous = nil; continue }
            grams.insert(String(character))
            if let previous { grams.insert(String([previous, character])) }
            previous = character
        }
        return grams
    }

    /// A filter answered by the short index: one or two characters, all of an unspaced script.
    public static func isShortUnspaced(_ folded: String) -> Bool {
        (1...2).contains(folded.count) && folded.unicodeScalars.allSatisfy(isUnspaced)
    }
}

/// What one order is found by: its code, both parties' handles and names, its state, its lines,
/// and its carrier and tracking number once shipped — folded, in one text.
public struct SearchDocument: Equatable, Sendable {
    public let text: String
    public let grams: Set<String>

    public init(code: String, supplierHandle: String, supplierName: String, buyerHandle: String, buyerName: String,
                state: OrderState, lines: [String], carrier: String?, tracking: String?) {
        let parts = [code, supplierHandle, supplierName, buyerHandle, buyerName, state.title] + lines + [carrier, tracking].compactMap { $0 }
        // A line break between parts: a match never spans two of them (the trigram "e\nb" is
        // not typed), and the folded text stays readable when inspected.
        text = parts.map(SearchFolding.fold).joined(separator: "\n")
        grams = SearchFolding.shortGrams(text)
    }
}

extension SearchDocument {
    /// The document of `order` as it stands, with the parties' names as stored.
    public init(_ order: Order, supplierName: String, buyerName: String) {
        self.init(code: order.code.text, supplierHandle: order.supplier.value, supplierName: supplierName,
                  buyerHandle: order.buyer.value, buyerName: buyerName, state: order.state,
                  lines: order.contract.lines.map(\.description), carrier: order.shipment?.carrier, tracking: order.shipment?.tracking)
    }
}
