import TradeGuardCore

/// A schedule of workflow steps across many orders, run in time order on a demo store: the
/// clock moves forward to each step and the sweep applies whatever timeouts fell due meanwhile,
/// exactly as if people had used the app on those days.
struct DemoTimeline {
    enum Who { case supplier, buyer, platform, drafter, counterparty }

    /// One step of one order: `day` counts from the order's first day.
    struct Move {
        let day: Double
        let who: Who
        let command: (Order) -> OrderCommand
    }

    struct Plan {
        let supplier: Handle
        let buyer: Handle
        let drafter: PartyKind
        let contract: Contract
        /// When the draft is written, in days before the end of the history.
        let daysAgo: Double
        let moves: [Move]
    }

    private struct Step {
        let at: Instant
        let plan: Int
        let index: Int   // 0 = the draft; then its moves in order
    }

    let start: Instant
    let end: Instant
    private(set) var plans: [Plan] = []
    private var extras: [(Instant, (Store) throws -> Void)] = []

    init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    /// The instant `daysAgo` days before the end (fractions are hours).
    func instant(daysAgo: Double) -> Instant { end.adding(seconds: -Int64(daysAgo * 86_400)) }

    /// The calendar day `daysFromNow` days after the end.
    func date(daysFromNow: Int) -> CalendarDate { end.utcDate.adding(days: daysFromNow) }

    mutating func add(_ plan: Plan) { plans.append(plan) }

    /// Something other than an order step at a given time (activation, violation points).
    mutating func at(daysAgo: Double, _ action: @escaping (Store) throws -> Void) {
        extras.append((instant(daysAgo: daysAgo), action))
    }

    func run(on store: Store) throws {
        var steps: [Step] = []
        for (p, plan) in plans.enumerated() {
            steps.append(Step(at: instant(daysAgo: plan.daysAgo), plan: p, index: 0))
            for (m, move) in plan.moves.enumerated() {
                steps.append(Step(at: instant(daysAgo: plan.daysAgo - move.day), plan: p, index: m + 1))
            }
        }
        // Extras run before order steps at the same instant.
        let ordered = steps.sorted { ($0.at, $0.plan, $0.index) < ($1.at, $1.plan, $1.index) }
        var pendingExtras = extras.sorted { $0.0 < $1.0 }[...]
        var codes: [Int: OrderCode] = [:]

        func moveClock(to instant: Instant) throws {
            if instant > (try store.now()) {
                try store.setClock(to: instant)
                try store.sweep()
            }
        }
        for step in ordered {
            while let (at, action) = pendingExtras.first, at <= step.at {
                try moveClock(to: at)
                try action(store)
                pendingExtras = pendingExtras.dropFirst()
            }
            try moveClock(to: step.at)
            let plan = plans[step.plan]
            let drafter = actor(plan.drafter == .supplier ? .supplier : .buyer, plan)
            if step.index == 0 {
                let counterparty = plan.drafter == .supplier ? plan.buyer : plan.supplier
                codes[step.plan] = try store.draft(plan.contract, counterparty: counterparty, as: drafter).code
                continue
            }
            guard let code = codes[step.plan] else { continue }
            let move = plan.moves[step.index - 1]
            let order = try store.order(code)
            do {
                try store.perform(move.command(order), on: code, as: actor(move.who, plan))
            } catch {
                throw StoreError.invalid("demo data: step \(step.index) of \(code) (\(move.command(order).action.rawValue)) failed: \(error)")
            }
        }
        for (at, action) in pendingExtras {
            try moveClock(to: at)
            try action(store)
        }
    }

    private func actor(_ who: Who, _ plan: Plan) -> Actor {
        switch who {
        case .supplier: return .party(plan.supplier, .supplier)
        case .buyer: return .party(plan.buyer, .buyer)
        case .platform: return .platform
        case .drafter: return actor(plan.drafter == .supplier ? .supplier : .buyer, plan)
        case .counterparty: return actor(plan.drafter == .supplier ? .buyer : .supplier, plan)
        }
    }
}
