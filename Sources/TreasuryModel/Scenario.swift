/// A named set of stress scenarios run over a common horizon.
public struct ScenarioSet: Sendable, Equatable {
    /// Display name (for example "2026-Q1 board set").
    public var name: String
    /// Calendar days simulated after the as-of date.
    public var horizonDays: Int
    /// The scenarios, in report order.
    public var scenarios: [Scenario]
    /// Monte Carlo runs, in report order.
    public var monteCarlo: [MonteCarloSpec]
    /// The probability map over today's BTC price × mNAV; nil: none.
    public var probabilityMap: ProbabilityMapSpec?
    /// Where the set is declared.
    public var location: SourceLocation?

    /// Creates a set.
    public init(name: String, horizonDays: Int, scenarios: [Scenario], monteCarlo: [MonteCarloSpec] = [],
                probabilityMap: ProbabilityMapSpec? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.horizonDays = horizonDays
        self.scenarios = scenarios
        self.monteCarlo = monteCarlo
        self.probabilityMap = probabilityMap
        self.location = location
    }
}

/// One stress scenario: a BTC price path plus optional shocks to the equity, fund discounts,
/// rates and access to capital markets.
public struct Scenario: Sendable, Equatable, Identifiable {
    /// Identifier (for example "instant-50").
    public var id: String
    /// Display name (for example "Instant −50 %").
    public var name: String
    /// How BTC moves.
    public var path: ScenarioPath
    /// Extra move of the share price against its model, as a fraction (−0.3: 30 % lower).
    public var equityShock: Double
    /// Discount of fund shares to NAV during the scenario, as a fraction (0.05: 5 % below NAV).
    public var fundDiscount: Double
    /// Added to floating loan rates, as a fraction (0.02 = +200 bp).
    public var rateShift: Double
    /// Days (from, through) on which no equity can be issued.
    public var marketsClosed: ClosedRange<Int>?
    /// Change of BTC's daily volume on the days of `volumeShockDays`, as a fraction (−0.9: a
    /// tenth of the usual volume, the depth collapse of 10 Oct 2025). Matters only with price impact.
    public var volumeShock: Double = 0
    /// Days (from, through) of the volume shock.
    public var volumeShockDays: ClosedRange<Int>?
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a scenario.
    public init(id: String, name: String, path: ScenarioPath, equityShock: Double = 0, fundDiscount: Double = 0,
                rateShift: Double = 0, marketsClosed: ClosedRange<Int>? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.path = path
        self.equityShock = equityShock
        self.fundDiscount = fundDiscount
        self.rateShift = rateShift
        self.marketsClosed = marketsClosed
        self.location = location
    }
}

/// How BTC moves in a scenario, relative to the as-of price.
public enum ScenarioPath: Sendable, Equatable {
    /// BTC jumps by `shock` (−0.5 = halves) on day 1 and stays there.
    case instant(shock: Double)
    /// Waypoints (day, BTC as a multiple of today's price), log-linear between them, flat after the last.
    case waypoints([Waypoint])
    /// Daily returns of a window of real BTC closes, replayed from today's price, flat after the window.
    case historical(from: CalendarDate, to: CalendarDate)

    /// A waypoint of a path.
    public struct Waypoint: Sendable, Equatable {
        /// Calendar day after the as-of date.
        public var day: Int
        /// BTC price as a multiple of the as-of price.
        public var multiple: Double
        /// Creates a waypoint.
        public init(day: Int, multiple: Double) {
            self.day = day
            self.multiple = multiple
        }
    }

    /// A short word for the kind of path, as reports name it.
    public var kind: String {
        switch self {
        case .instant: return "instant"
        case .waypoints: return "path"
        case .historical: return "historical"
        }
    }
}

extension ScenarioSet {
    /// Windows that leave a BTC history: historical replays, and bootstrap windows too short to
    /// hold one block plus a return once clipped to the history's last date.
    public func historyProblems(_ history: BTCHistory) -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        let range = "the embedded BTC history (\(history.firstDate) to \(history.lastDate))"
        for scenario in scenarios {
            if case .historical(let from, let to) = scenario.path, from < to,
               history.closes(from: from, through: to) == nil {
                problems.append(InputDiagnostic("scenario \"\(scenario.id)\": window \(from) to \(to) leaves \(range)",
                                                at: scenario.location))
            }
        }
        for spec in monteCarlo where spec.validationProblems().isEmpty {
            if case .bootstrap(let block, let from, let to, _) = spec.model {
                let closes = history.closes(from: from, through: min(to, history.lastDate))
                if closes == nil || (closes?.count ?? 0) <= block + 1 {
                    problems.append(InputDiagnostic("bootstrap window \(from) to \(to) leaves \(range)", at: spec.location))
                }
            }
        }
        return problems
    }
}

