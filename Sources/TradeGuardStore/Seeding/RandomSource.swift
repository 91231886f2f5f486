import TradeGuardCore

/// Where payment-link tokens and generated keys come from: the system generator in production,
/// a seeded one for demo data and tests, so their output repeats exactly.
public final class RandomSource {
    private var generator: any RandomNumberGenerator

    public init(_ generator: any RandomNumberGenerator) { self.generator = generator }

    public static func system() -> RandomSource { RandomSource(SystemRandomNumberGenerator()) }
    public static func seeded(_ seed: UInt64) -> RandomSource { RandomSource(SplitMix64(seed: seed)) }

    public func token() -> PaymentLinkToken { PaymentLinkToken(using: &generator) }
    public func key() -> IdempotencyKey { IdempotencyKey.generate(using: &generator) }
    public func next(below bound: UInt64) -> UInt64 { generator.next(upperBound: bound) }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and good enough for generated data.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
