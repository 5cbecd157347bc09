public import StressResults

/// Finds what makes a trigger fire in a run's events (a run with events recorded).
public enum TriggerDriver {
    /// The event that drives `trigger` in `events` (in day order), or nil when it did not fire.
    ///
    /// - A forced sale: the first sale of BTC or fund shares is recorded inside the funding of the
    ///   payment that needed it, so the driver is the next event of that day whose funding drew
    ///   on BTC or fund shares (a coupon, a put, a maturity, an acceleration…), or the lender's
    ///   liquidation that sold collateral; failing both, the sale itself.
    /// - A missed payment: the first `missedPayment` event.
    /// - A margin call, liquidation or covenant breach: its own first event (same kind and ref).
    public static func find(_ trigger: Trigger, in events: [SimulationEvent]) -> SimulationEvent? {
        switch trigger.kind {
        case .forcedSale:
            guard let first = events.firstIndex(where: { $0.kind == .forcedSale || $0.kind == .liquidation && $0.btc > 0 }) else {
                return nil
            }
            if events[first].kind == .liquidation { return events[first] }
            let day = events[first].day
            for event in events[first...] where event.day == day {
                if event.kind == .liquidation && event.btc > 0 { return event }
                if let funding = event.detail.funding, funding.fromBTC > 0 || funding.fromFunds > 0 { return event }
            }
            return events[first]
        case .defaultEvent:
            return events.first { $0.kind == .missedPayment }
        case .marginCall:
            return events.first { $0.kind == .marginCall && $0.ref == trigger.ref }
        case .liquidation:
            return events.first { $0.kind == .liquidation && $0.ref == trigger.ref }
        case .covenantBreach:
            return events.first { $0.kind == .covenantBreach && $0.ref == trigger.ref }
        }
    }
}
