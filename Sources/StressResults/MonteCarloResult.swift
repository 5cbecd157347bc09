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
