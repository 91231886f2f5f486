import Foundation

/// Where "now" comes from. Injected everywhere a decision depends on time, so demos and tests
/// can run on a simulated clock and give the same answers every day.
public protocol TimeSource: Sendable {
    func now() -> Instant
}

/// The machine's clock, for real databases.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Instant { Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}

/// A clock that stands still until told to move: tests and training.
public final class ManualTimeSource: TimeSource, @unchecked Sendable {
    // A lock, not an actor: `now()` is called synchronously from deep inside decisions.
    private let lock = NSLock()
    private var current: Instant

    public init(_ start: Instant) { current = start }

    public func now() -> Instant { lock.withLock { current } }

    public func advance(_ step: ClockStep) { lock.withLock { current = current.adding(seconds: step.seconds) } }
    public func set(_ instant: Instant) { lock.withLock { current = instant } }
}
