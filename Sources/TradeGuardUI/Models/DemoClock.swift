import TradeGuardCore
import TradeGuardStore

/// `clock.advance 7d` on a demo database: moves the stored clock and applies the timeouts
/// that are then due.
struct DemoClock {
    let store: Store
    let time: TimeFormat

    /// Advances by `args[0]` ("7d", "12h", "30m"); returns what to say once the screen is reloaded.
    func advance(_ args: [String]) throws -> String {
        guard let text = args.first else { throw StoreError.invalid("Say how far: clock.advance 7d (or 12h, 30m).") }
        let step: ClockStep
        do { step = try ClockStep.parse(text) } catch { throw StoreError.invalid(error.description) }
        let now = try store.advanceClock(by: step)
        let applied = try store.sweep()
        return "Clock now \(time.dateTime(now))" + (applied.isEmpty ? "" : "; \(applied.count) timeout\(applied.count == 1 ? "" : "s") applied")
    }
}
