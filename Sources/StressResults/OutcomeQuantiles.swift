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
