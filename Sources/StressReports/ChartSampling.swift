import StressResults

/// Thins a daily series for a chart: an SVG line needs no more than a few hundred points to look
/// exact at board-pack width, and the page stays small.
enum ChartSampling {
    /// Most points kept per line.
    static let maxPoints = 250

    /// Days 0 and 1 (the shock), every `step`-th day, and the last day.
    static func sampled(_ series: [DailyState]) -> [DailyState] {
        days(count: series.count).map { series[$0] }
    }

    /// The indices kept of a series of `count` days, by the same rule.
    static func days(count: Int) -> [Int] {
        guard count > maxPoints else { return Array(0..<count) }
        let step = (count + maxPoints - 1) / maxPoints
        return (0..<count).filter { $0 <= 1 || $0 % step == 0 || $0 == count - 1 }
    }
}
