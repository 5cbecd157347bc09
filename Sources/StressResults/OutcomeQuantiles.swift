/// Quantiles (at `MonteCarloSimulation.levels`) of one per-path outcome.
public struct OutcomeQuantiles: Sendable, Equatable {
    /// The per-path outcome (`btcSold`, `dilution`, …), its unit, and its 5/25/50/75/95 % quantiles.
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
