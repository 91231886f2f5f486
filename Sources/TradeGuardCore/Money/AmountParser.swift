/// Strict parsing of an amount typed by a person or given in JSON as a decimal string.
///
/// Accepted: digits with an optional `.` and at most the currency's number of decimals, with
/// optional thousands separators `,` in groups of three ("1,234.50"). Everything else is refused
/// with a precise reason — nothing is rounded, guessed or passed through floating point.
public enum AmountParser {
    /// Parses `text` as a positive amount (or zero when `allowZero`).
    public static func parse(_ text: String, currency: Currency, allowZero: Bool = false) throws(AmountError) -> Money {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { throw .empty }
        let scalars = Array(trimmed.unicodeScalars)

        if scalars.first == "\u{2212}" { throw .unicodeMinus }
        if scalars.first == "-" { throw .negative }
        if scalars.first == "+" { throw .invalidCharacter("+") }
        let lowered = trimmed.lowercased()
        if lowered == "nan" || lowered.hasSuffix("nan") { throw .notANumber }
        if lowered.contains("inf") { throw .notANumber }
        if lowered.hasPrefix("0x") { throw .invalidCharacter("x") }

        // Split integer and fraction on the one decimal point.
        var integerPart: [Unicode.Scalar] = []
        var fractionPart: [Unicode.Scalar] = []
        var seenPoint = false
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                if seenPoint { fractionPart.append(scalar) } else { integerPart.append(scalar) }
            case ".":
                if seenPoint { throw .malformed("more than one decimal point") }
                seenPoint = true
            case ",":
                if seenPoint { throw .malformed("a thousands separator after the decimal point") }
                integerPart.append(scalar)
            case "e", "E":
                throw .exponent
            case "-", "\u{2212}":
                // Only a leading minus means a negative amount; one after a digit
                // ("2700.00-5") is a slip in the number itself.
                throw .malformed("a minus sign inside the number")
            default:
                throw .invalidCharacter(Character(scalar))
            }
        }
        if integerPart.isEmpty { throw .malformed("no digits before the decimal point") }
        if seenPoint && fractionPart.isEmpty { throw .malformed("no digits after the decimal point") }
        let digits = try integerDigits(integerPart)

        if fractionPart.count > currency.exponent {
            throw .tooManyDecimals(allowed: currency.exponent, currency: currency.code)
        }

        var minor: Int64 = 0
        for digit in digits + fractionPart + Array(repeating: "0", count: currency.exponent - fractionPart.count) {
            let value = Int64(digit.value - 48)
            let (timesTen, o1) = minor.multipliedReportingOverflow(by: 10)
            let (next, o2) = timesTen.addingReportingOverflow(value)
            if o1 || o2 { throw .overflow }
            minor = next
        }
        if minor > Money.maximumMinorUnits { throw .overflow }
        if minor == 0 && !allowZero { throw .zero }
        return Money(minorUnits: minor, currency: currency)
    }

    /// Digits of the integer part with separators checked: "1,234" ok, "1,23" or ",123" refused.
    private static func integerDigits(_ part: [Unicode.Scalar]) throws(AmountError) -> [Unicode.Scalar] {
        guard part.contains(",") else { return part }
        let groups = part.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { throw .malformed("thousands separators must group three digits, as in 1,234.50") }
        return groups.flatMap { $0 }
    }
}

extension Money {
    /// The largest amount the app accepts: 10^15 minor units (ten trillion dollars), far below
    /// Int64's limit so sums of many amounts cannot overflow silently either.
    public static let maximumMinorUnits: Int64 = 1_000_000_000_000_000
}

public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case negative
    case unicodeMinus
    case zero
    case tooManyDecimals(allowed: Int, currency: String)
    case exponent
    case notANumber
    case invalidCharacter(Character)
    case malformed(String)
    case overflow

    public var description: String {
        switch self {
        case .empty: return "Enter an amount."
        case .negative: return "The amount must not be negative."
        case .unicodeMinus: return "The amount must not be negative (a minus sign was typed)."
        case .zero: return "The amount must be greater than zero."
        case let .tooManyDecimals(0, code): return "\(code) amounts have no decimals."
        case let .tooManyDecimals(allowed, code): return "\(code) amounts have at most \(allowed) decimals."
        case .exponent: return "Write the amount in full digits, without an exponent."
        case .notANumber: return "The amount must be a number."
        case let .invalidCharacter(c): return "The amount may contain only digits, one '.' and ',' separators (found '\(c.debugDescription.dropFirst().dropLast())')."
        case let .malformed(why): return "The amount is malformed: \(why)."
        case .overflow: return "The amount is too large."
        }
    }
}

extension String {
    /// Trims ASCII spaces and tabs only; other whitespace is a character the parser will name.
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
