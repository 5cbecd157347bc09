import StressResults

/// Thins a daily series for a chart: an SVG line needs no more than a few hundred points to look
/// exact at board-pack width, and the page stays small.
enum ChartSampling {
    /// Most points kept per line.
    static let maxPoints = 250

    /// Days 0 and 1 (the shock), every `step`-th day, and the last day.
    static func sampled(_ series: [DailyState]) -> [DailyState] {
        guard series.count > maxPoints else { return series }
        let step = (series.count + maxPoints - 1) / maxPoints
        return series.enumerated().compactMap { index, state in
            index <= 1 || index % step == 0 || index == series.count - 1 ? state : nil
        }
    }
}
