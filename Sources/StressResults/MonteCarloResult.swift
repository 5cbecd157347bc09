public import TreasuryModel

/// A Monte Carlo run summarised for the report: trigger probabilities with 95 % intervals,
/// quantiles of the per-path outcomes, and per-day quantile fans.
public struct MonteCarloResult: Sendable, Equatable {
    /// Identifier and name of the run.
    public var id: String
    public var name: String
    /// The price model and its parameters.
    public var priceModel: MonteCarloSpec.PriceModel
    /// The model's name as the report XML records it (`gbm`, `jumpDiffusion`, `bootstrap`).
    public var model: String { priceModel.kind }
    /// Paths and seed.
    public var paths: Int
    public var seed: UInt64
    /// Probability of each trigger within the horizon.
    public var triggers: [TriggerProbability]
    /// Quantiles of per-path outcomes.
    public var quantiles: [OutcomeQuantiles]
    /// Per-day quantiles of BTC price, BTC held and the worst loan LTV.
    public var fans: [Fan]

    /// Creates a result.
    public init(id: String, name: String, priceModel: MonteCarloSpec.PriceModel, paths: Int, seed: UInt64,
                triggers: [TriggerProbability], quantiles: [OutcomeQuantiles], fans: [Fan]) {
        self.id = id
        self.name = name
        self.priceModel = priceModel
        self.paths = paths
        self.seed = seed
        self.triggers = triggers
        self.quantiles = quantiles
        self.fans = fans
    }
}

/// The probability that a trigger fires within the horizon, with a 95 % Wilson interval.
public struct TriggerProbability: Sendable, Equatable {
    public var trigger: Trigger
    /// Paths on which it fired.
    public var count: Int
    public var paths: Int
    /// Creates a row.
    public init(trigger: Trigger, count: Int, paths: Int) {
        self.trigger = trigger
        self.count = count
        self.paths = paths
    }
    /// count / paths.
    public var probability: Double { paths > 0 ? Double(count) / Double(paths) : 0 }
    /// 95 % Wilson score interval.
    public var interval: (low: Double, high: Double) {
        guard paths > 0 else { return (0, 1) }
        let z = 1.959963984540054, n = Double(paths), p = probability
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return (max(0, centre - half), min(1, centre + half))
    }
}

/// Quantiles (at `MonteCarloSimulation.levels`) of one per-path outcome.
public struct OutcomeQuantiles: Sendable, Equatable {
    public var metric: String
    public var unit: String
    public var values: [Double]
    /// Creates a row.
    public init(metric: String, unit: String, values: [Double]) {
        self.metric = metric
        self.unit = unit
        self.values = values
    }
}

/// Per-day quantiles of one metric.
public struct Fan: Sendable, Equatable {
    public var metric: String
    public var points: [FanPoint]
    /// Creates a fan.
    public init(metric: String, points: [FanPoint]) {
        self.metric = metric
        self.points = points
    }
}

/// One day of a fan: the quantiles at `MonteCarloSimulation.levels`.
public struct FanPoint: Sendable, Equatable {
    public var day: Int
    public var values: [Double]
    /// Creates a point.
    public init(day: Int, values: [Double]) {
        self.day = day
        self.values = values
    }
}
