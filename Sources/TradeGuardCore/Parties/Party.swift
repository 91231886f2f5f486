/// What a party is on the platform.
public enum PartyKind: String, Sendable, CaseIterable, Codable {
    case supplier, buyer, platform
}

/// How far the platform has verified a supplier: a term of the limit formula.
public enum VerificationLevel: String, Sendable, CaseIterable, Codable {
    case none, licence, onsite
}

/// Whether a supplier's credit-protection service is on.
public enum ActivationState: Hashable, Sendable {
    case notActivated
    case active(since: Instant)

    public var isActive: Bool { if case .active = self { return true } else { return false } }
}

/// A company on the platform (or the platform operator itself).
public struct Party: Hashable, Sendable {
    public var handle: Handle
    public var kind: PartyKind
    public var name: String
    public var country: String
    public var email: String
    public var verification: VerificationLevel
    public var memberSince: CalendarDate
    public var activation: ActivationState
    public var violationPoints: Int

    public init(handle: Handle, kind: PartyKind, name: String, country: String, email: String,
                verification: VerificationLevel = .none, memberSince: CalendarDate,
                activation: ActivationState = .notActivated, violationPoints: Int = 0) {
        self.handle = handle
        self.kind = kind
        self.name = name
        self.country = country
        self.email = email
        self.verification = verification
        self.memberSince = memberSince
        self.activation = activation
        self.violationPoints = violationPoints
    }

    /// Suspended: too many violation points; the limit is zero and new drafts are refused.
    public var isSuspended: Bool { violationPoints >= LimitFormula.suspensionPoints }

    /// Checks the fields a person typed when adding or editing a party.
    public static func validated(handle: String, kind: PartyKind, name: String, country: String, email: String,
                                 memberSince: CalendarDate, verification: VerificationLevel) throws(PartyError) -> Party {
        let handle = try Handle(handle)
        do {
            _ = try TextRules.validate(name, field: "name", maxLength: 120)
            _ = try TextRules.validate(email, field: "email", maxLength: 254)
        } catch { throw .text(error) }
        let upperCountry = country.uppercased()
        guard CountryCodes.assigned.contains(upperCountry) else {
            throw .country(country)
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else { throw .email(email) }
        return Party(handle: handle, kind: kind, name: name.trimmingSpaces(), country: upperCountry, email: email,
                     verification: verification, memberSince: memberSince)
    }
}

/// A party's handle: the short unique name used by `--as` and in audit events. Lower-case
/// letters, digits and hyphens, 2–32 characters, starting with a letter. Never changes.
public struct Handle: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// 2–32 lower-case ASCII letters, digits or hyphens, starting with a letter. Checked on the
    /// UTF-8 bytes: every allowed character is one byte, so any other byte refuses it (this runs
    /// for every party column of every row read, and for every seeded event).
    public init(_ text: String) throws(PartyError) {
        var valid = false
        var copy = text
        copy.withUTF8 { bytes in
            guard (2...32).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]) else { return }
            valid = bytes.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
        }
        guard valid else { throw .handle(text) }
        value = text
    }

    public static func < (a: Handle, b: Handle) -> Bool { a.value < b.value }
    public var description: String { value }

    /// The platform operator's fixed handle.
    public static let platform = try! Handle("platform")
}

public enum PartyError: Error, Equatable, Sendable, CustomStringConvertible {
    case handle(String), country(String), email(String), text(TextError)

    public var description: String {
        switch self {
        case let .handle(text): return "\(TextRules.quoted(text)) is not a valid handle: use 2–32 lower-case letters, digits or hyphens, starting with a letter."
        case let .country(text): return "\(TextRules.quoted(text)) is not an assigned ISO 3166-1 alpha-2 country code; use the two letters of the country, e.g. DE, CN or GB."
        case let .email(text): return "\(TextRules.quoted(text)) is not an email address."
        case let .text(error): return error.description
        }
    }
}
