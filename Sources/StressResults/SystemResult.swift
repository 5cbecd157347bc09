/// One scenario of a systemic run (DESIGN §6.2): the shared price with and without everyone's
/// selling, who sold what each day, and each holder's outcome beside its no-feedback counterfactual.
public struct SystemScenarioResult: Sendable, Equatable {
    /// The exogenous scenario's id and name.
    public var scenarioID: String
    public var scenarioName: String
    /// One record per day, 0 through the horizon.
    public var days: [SystemDay]
    /// Each holder, in system order.
    public var holders: [SystemHolderOutcome]

    /// Creates a result.
    public init(scenarioID: String, scenarioName: String, days: [SystemDay], holders: [SystemHolderOutcome]) {
        self.scenarioID = scenarioID
        self.scenarioName = scenarioName
        self.days = days
        self.holders = holders
    }

    /// The worst fall below the day-0 price of the scenario's own path, as a fraction (0.17: −17 %).
    public var exogenousWorstDrawdown: Double { drawdown(days.map(\.exogenousPrice)) }
    /// The worst fall of the realised price.
    public var realisedWorstDrawdown: Double { drawdown(days.map(\.price)) }
    /// Realised worst drawdown ÷ exogenous: how much the selling deepened the fall (1: not at all);
    /// nil when the scenario's own path never falls.
    public var amplification: Double? {
        let exogenous = exogenousWorstDrawdown
        return exogenous > 0 ? realisedWorstDrawdown / exogenous : nil
    }

    func drawdown(_ prices: [Double]) -> Double {
        guard let start = prices.first, start > 0, let low = prices.min() else { return 0 }
        return max(0, 1 - low / start)
    }
}

/// A day of a systemic run: the price before and after everyone's selling and the sales by source.
public struct SystemDay: Sendable, Equatable {
    /// Calendar day after the as-of date.
    public var day: Int
    /// The scenario's own price, USD.
    public var exogenousPrice: Double
    /// The price every holder faced, after the impact of earlier days and today's liquidation rounds, USD.
    public var price: Double
    /// Rounds of leveraged-long liquidations within the day (at most 10).
    public var rounds: Int
    /// Leveraged longs liquidated today, USD at market.
    public var leveragedSalesUSD: Double
    /// ETF redemptions sold as BTC today, USD.
    public var fundOutflowUSD: Double
    /// Each holder's BTC sold today (its own, its lenders' and fund shares'), USD at market, in holder order.
    public var holderSalesUSD: [Double]

    /// Creates a day.
    public init(day: Int, exogenousPrice: Double, price: Double, rounds: Int, leveragedSalesUSD: Double,
                fundOutflowUSD: Double, holderSalesUSD: [Double]) {
        self.day = day
        self.exogenousPrice = exogenousPrice
        self.price = price
        self.rounds = rounds
        self.leveragedSalesUSD = leveragedSalesUSD
        self.fundOutflowUSD = fundOutflowUSD
        self.holderSalesUSD = holderSalesUSD
    }

    /// Everything sold today, USD.
    public var totalSalesUSD: Double { leveragedSalesUSD + fundOutflowUSD + holderSalesUSD.reduce(0, +) }
}

/// One holder's systemic outcome.
public struct SystemHolderOutcome: Sendable, Equatable {
    /// The holder's treasury name.
    public var name: String
    /// With everyone's selling moving the price.
    public var outcome: ScenarioOutcome
    /// The same scenario with no sale moving the price.
    public var counterfactual: ScenarioOutcome
    /// Triggers that fire with the feedback and not without it, first day first.
    public var causedBySpiral: [SpiralTrigger]

    /// Creates a holder outcome.
    public init(name: String, outcome: ScenarioOutcome, counterfactual: ScenarioOutcome, causedBySpiral: [SpiralTrigger]) {
        self.name = name
        self.outcome = outcome
        self.counterfactual = counterfactual
        self.causedBySpiral = causedBySpiral
    }
}

/// A trigger the spiral caused, and whose sales came before it.
public struct SpiralTrigger: Sendable, Equatable {
    /// What fired.
    public var trigger: Trigger
    /// The day it fired.
    public var day: Int
    /// The sources that sold in the three days up to and including that day, largest first:
    /// a holder's name, "leveraged longs" or "ETF outflows", with USD sold.
    public var precededBy: [SaleSource]

    /// Creates a spiral trigger.
    public init(trigger: Trigger, day: Int, precededBy: [SaleSource]) {
        self.trigger = trigger
        self.day = day
        self.precededBy = precededBy
    }
}

/// Who sold, and how much (USD).
public struct SaleSource: Sendable, Equatable {
    /// The seller.
    public var kind: Kind
    /// USD sold.
    public var usd: Double

    /// A seller in the system.
    public enum Kind: Sendable, Equatable {
        /// Holder at this position in the system.
        case holder(Int)
        case leveragedLongs
        case fundOutflows
    }

    /// Creates a source.
    public init(kind: Kind, usd: Double) {
        self.kind = kind
        self.usd = usd
    }
}

/// A Monte Carlo run of the system (DESIGN §6.2): every path shared by all holders, each run with
/// and without the feedback.
public struct SystemMonteCarloResult: Sendable, Equatable {
    /// The run's id and name, as in the scenario set.
    public var id: String
    public var name: String
    /// Paths run, and the seed.
    public var paths: Int
    public var seed: UInt64
    /// Amplification (realised ÷ own worst fall) at 5, 25, 50, 75 and 95 % over the paths whose
    /// own price falls below the start.
    public var amplification: [Double]
    /// Each holder's probabilities, in system order.
    public var holders: [HolderProbabilities]

    /// One holder's probabilities within the horizon, as fractions of paths.
    public struct HolderProbabilities: Sendable, Equatable {
        public var name: String
        /// A forced sale of BTC, with the feedback and without.
        public var forcedSale: Double
        public var forcedSaleWithoutFeedback: Double
        /// A missed payment, with the feedback and without.
        public var defaulted: Double
        public var defaultedWithoutFeedback: Double
        /// At least one trigger that fires only with the feedback.
        public var causedBySpiral: Double

        /// Creates a holder's probabilities.
        public init(name: String, forcedSale: Double, forcedSaleWithoutFeedback: Double, defaulted: Double,
                    defaultedWithoutFeedback: Double, causedBySpiral: Double) {
            self.name = name
            self.forcedSale = forcedSale
            self.forcedSaleWithoutFeedback = forcedSaleWithoutFeedback
            self.defaulted = defaulted
            self.defaultedWithoutFeedback = defaultedWithoutFeedback
            self.causedBySpiral = causedBySpiral
        }
    }

    /// Creates a result.
    public init(id: String, name: String, paths: Int, seed: UInt64, amplification: [Double], holders: [HolderProbabilities]) {
        self.id = id
        self.name = name
        self.paths = paths
        self.seed = seed
        self.amplification = amplification
        self.holders = holders
    }
}
