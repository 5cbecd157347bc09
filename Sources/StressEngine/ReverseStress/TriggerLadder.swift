import TreasuryModel
public import StressResults

/// Reverse stress: finds, by bisection on the simulator, the highest BTC price at which each
/// trigger fires after an instant shock held flat over the horizon (DESIGN §3, Reverse stress).
public struct TriggerLadder: Sendable {
    /// Lowest and highest shock searched.
    public static let shockRange: ClosedRange<Double> = -0.99...2.0
    /// Bisection stops when the bracket is this narrow relative to today's price (0.001 %).
    public static let tolerance = 1e-5
    /// The shocks tried first: a grid brackets every trigger at once and shows non-monotonic
    /// responses (−99 % to 0 in steps of 3 points, then +25 %, +50 %, +100 %, +200 %).
    static let grid: [Double] = stride(from: -0.99, through: 0.0, by: 0.03).map { $0 } + [0.25, 0.5, 1.0, 2.0]

    /// Builds the ladder for the simulator's treasury and horizon, in trigger order.
    public static func build(_ simulator: TreasurySimulator) -> [TriggerRung] {
        let start = simulator.treasury.market.btcPrice
        let horizon = simulator.horizonDays
        func fired(_ shock: Double) -> [Trigger: Int] {
            simulator.run(path: .instant(start: start, shock: shock, horizonDays: horizon),
                          recordEvents: false, recordSeries: false).triggerDays
        }
        let results = grid.map { fired($0) }
        // One run at a rung's price with events recorded says what drives it; rungs that fire at
        // the same price (a covenant and the forced sale it causes) share that run.
        var eventsAt: [Double: [SimulationEvent]] = [:]
        return simulator.possibleTriggers.map { trigger in
            rung(trigger, start: start, gridFires: results.map { $0[trigger] != nil },
                 fires: { fired($0)[trigger] != nil },
                 driver: { shock in
                     let events = eventsAt[shock] ?? simulator.run(path: .instant(start: start, shock: shock, horizonDays: horizon),
                                                                   recordEvents: true, recordSeries: false).events
                     eventsAt[shock] = events
                     return TriggerDriver.find(trigger, in: events)
                 })
        }
    }

    /// One rung: where `trigger` stops firing as the shock rises, from whether it fired at each
    /// `grid` shock (`gridFires`) and a probe at any shock (`fires`); `driver` explains the rung
    /// from a run at the shock found.
    static func rung(_ trigger: Trigger, start: Double, gridFires fires: [Bool], fires probe: (Double) -> Bool,
                     driver: (Double) -> SimulationEvent?) -> TriggerRung {
        guard let firstQuiet = fires.firstIndex(of: false) else {
            return TriggerRung(trigger: trigger, status: .always, btcPrice: start * (1 + shockRange.upperBound),
                               drawdown: shockRange.upperBound, monotonic: true, driver: driver(shockRange.upperBound))
        }
        guard let lastFiring = fires.lastIndex(of: true) else {
            return TriggerRung(trigger: trigger, status: .never, btcPrice: nil, drawdown: nil, monotonic: true)
        }
        let monotonic = lastFiring < firstQuiet
        // Bisect between the highest firing grid point and the quiet point above it.
        var low = grid[lastFiring]
        var high = lastFiring + 1 < grid.count ? grid[lastFiring + 1] : shockRange.upperBound
        while (high - low) > tolerance {
            let mid = (low + high) / 2
            if probe(mid) { low = mid } else { high = mid }
        }
        return TriggerRung(trigger: trigger, status: .fires, btcPrice: start * (1 + low), drawdown: low,
                           monotonic: monotonic, driver: driver(low))
    }
}
