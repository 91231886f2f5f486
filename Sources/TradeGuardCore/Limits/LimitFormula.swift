/// The protection limit: how much of a supplier's open orders the platform protects.
///
/// Our formula (the real service publishes its inputs, not its maths):
/// ```
/// base     = 5,000 activated + 5,000 licence-verified + 15,000 on-site verified
/// tenure   = 1,000 × whole years as member (max 10,000)
/// volume   = 0.50 × value of CLOSED orders in the trailing 180 days
/// count    = 2,000 × number of those orders (max 100 orders)
/// penalty  = max(0, 1 − 0.02 × violation points); ≥ 48 points ⇒ suspended, limit 0
/// granted  = min(1,000,000, round down to 1,000 of (base + tenure + volume + count) × penalty)  [USD]
/// ```
public enum LimitFormula {
    public static let capUSD = Money(minorUnits: 1_000_000_00, currency: .usd)
    public static let suspensionPoints = 48
    public static let trailingDays = 180

    public struct Inputs: Hashable, Sendable {
        public var activated: Bool
        public var verification: VerificationLevel
        public var memberSince: CalendarDate
        public var asOf: CalendarDate
        /// Value (USD, at each order's confirmation rate) of orders closed in the trailing 180 days.
        public var closedValueUSD: Money
        public var closedCount: Int
        public var violationPoints: Int

        public init(activated: Bool, verification: VerificationLevel, memberSince: CalendarDate, asOf: CalendarDate,
                    closedValueUSD: Money, closedCount: Int, violationPoints: Int) {
            self.activated = activated
            self.verification = verification
            self.memberSince = memberSince
            self.asOf = asOf
            self.closedValueUSD = closedValueUSD
            self.closedCount = closedCount
            self.violationPoints = violationPoints
        }
    }

    public enum Status: String, Sendable {
        case notActivated, active, suspended
    }

    /// Every term, so the Limits screen can say why the limit is what it is.
    public struct Breakdown: Hashable, Sendable {
        public let inputs: Inputs
        public let status: Status
        public let base: Money
        public let tenure: Money
        public let volume: Money
        public let count: Money
        /// 100 − 2 × points, floored at 0.
        public let penaltyPercent: Int
        public let granted: Money
        /// The cap was binding.
        public let capped: Bool
    }

    public static func compute(_ inputs: Inputs) -> Breakdown {
        let usd = { (dollars: Int64) in Money(minorUnits: dollars * 100, currency: .usd) }
        let status: Status = !inputs.activated ? .notActivated
            : inputs.violationPoints >= suspensionPoints ? .suspended : .active

        var baseDollars: Int64 = inputs.activated ? 5_000 : 0
        switch inputs.verification {
        case .none: break
        case .licence: baseDollars += 5_000
        case .onsite: baseDollars += 5_000 + 15_000
        }
        let years = Int64(inputs.memberSince.wholeYears(until: inputs.asOf))
        let tenure = usd(min(10_000, 1_000 * years))
        let volume = Money(minorUnits: max(0, inputs.closedValueUSD.minorUnits) / 2, currency: .usd)
        let count = usd(2_000 * Int64(min(100, max(0, inputs.closedCount))))
        let penaltyPercent = max(0, 100 - 2 * max(0, inputs.violationPoints))
        let base = usd(baseDollars)

        let sum = base.minorUnits + tenure.minorUnits + volume.minorUnits + count.minorUnits
        // Sum ≤ 10^15/2 + small, × 100 stays far inside Int64.
        let penalised = sum * Int64(penaltyPercent) / 100
        let rounded = penalised / 100_000 * 100_000
        let granted: Int64 = status == .active ? min(capUSD.minorUnits, rounded) : 0
        return Breakdown(inputs: inputs, status: status, base: base, tenure: tenure, volume: volume, count: count,
                         penaltyPercent: penaltyPercent, granted: Money(minorUnits: granted, currency: .usd),
                         capped: status == .active && rounded > capUSD.minorUnits)
    }
}

/// A supplier's limit at a moment: granted, reserved by open orders, available for the next.
public struct LimitPosition: Hashable, Sendable {
    public let granted: Money
    public let reserved: Money

    public init(granted: Money, reserved: Money) {
        self.granted = granted
        self.reserved = reserved
    }

    /// max(0, granted − reserved): a lowered limit never touches existing reservations.
    public var available: Money { Money(minorUnits: max(0, granted.minorUnits - reserved.minorUnits), currency: .usd) }
}

/// A row of the append-only limit ledger.
public struct LedgerEntry: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case reserve, release, adjust }
    public let kind: Kind
    public let supplier: Handle
    public let order: OrderCode?
    /// USD, positive.
    public let amount: Money
    /// Micro-units per USD used for the conversion (reserve rows).
    public let rateMicros: Int64?

    public init(kind: Kind, supplier: Handle, order: OrderCode?, amount: Money, rateMicros: Int64? = nil) {
        self.kind = kind
        self.supplier = supplier
        self.order = order
        self.amount = amount
        self.rateMicros = rateMicros
    }
}
