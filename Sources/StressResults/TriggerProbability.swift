/// The probability that a trigger fires within the horizon, with a 95 % Wilson interval.
public struct TriggerProbability: Sendable, Equatable {
    /// The trigger.
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
