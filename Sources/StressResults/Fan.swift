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
