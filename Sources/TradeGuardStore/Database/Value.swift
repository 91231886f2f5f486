/// A value bound to a statement parameter. `.double` exists for completeness only: money is
/// always stored as integer minor units, never as floating point.
public enum Value: Equatable, Hashable, Sendable {
    case null
    case int(Int64)
    case text(String)
    case blob([UInt8])
    case double(Double)
}

extension Value {
    /// nil becomes `.null`, so optional columns bind without a switch at every call site.
    public init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
    public init(_ v: Int64?) { self = v.map { .int($0) } ?? .null }
    public init(_ v: String?) { self = v.map { .text($0) } ?? .null }
    public init(_ v: [UInt8]?) { self = v.map { .blob($0) } ?? .null }
}

extension Value: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}
