/// Per-day quantiles of one metric.
public struct Fan: Sendable, Equatable {
    /// The metric (`btcPrice`, `btcHeld`, `maxLTV`) and its quantiles on the fan days.
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
    /// Day after the as-of date and the metric's 5/25/50/75/95 % quantiles that day.
    public var day: Int
    public var values: [Double]
    /// Creates a point.
    public init(day: Int, values: [Double]) {
        self.day = day
        self.values = values
    }
}
