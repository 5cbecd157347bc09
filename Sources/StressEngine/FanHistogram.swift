import Foundation

/// Per-day histograms of one metric across Monte Carlo paths: a streaming quantile estimator
/// that needs days × bins counters, not paths × days values. Stored bin-major: a path moves
/// through consecutive days, usually in the same bin, so its counters sit side by side. Counts add up, so histograms from
/// different threads merge to the same result whatever the split.
public struct FanHistogram: Sendable, Equatable {
    /// How values map to bins.
    public enum Scale: Sendable, Equatable {
        /// Bins even in ln(value / reference) from `low` to `high` (both as multiples of reference).
        case logarithmic(reference: Double, low: Double, high: Double)
        /// Bins even in value from `low` to `high`.
        case linear(low: Double, high: Double)
    }

    let scale: Scale
    let bins: Int
    let days: Int
    var counts: [UInt32]
    let lowEdge: Double
    let width: Double

    /// An empty histogram for days 0…`days − 1`.
    public init(scale: Scale, bins: Int = 400, days: Int) {
        self.scale = scale
        self.bins = bins
        self.days = days
        counts = Array(repeating: 0, count: bins * days)
        switch scale {
        case .logarithmic(_, let low, let high):
            lowEdge = log(low)
            width = (log(high) - log(low)) / Double(bins)
        case .linear(let low, let high):
            lowEdge = low
            width = (high - low) / Double(bins)
        }
    }

    @inline(__always)
    func coordinate(_ value: Double) -> Double {
        switch scale {
        case .logarithmic(let reference, _, _): return log(max(value, 1e-300) / reference)
        case .linear: return value
        }
    }

    @inline(__always)
    func value(at coordinate: Double) -> Double {
        switch scale {
        case .logarithmic(let reference, _, _): return reference * exp(coordinate)
        case .linear: return coordinate
        }
    }

    /// Counts `value` on `day` (values outside the range go to the end bins).
    @inline(__always)
    public mutating func add(day: Int, _ value: Double) {
        guard day < days else { return }
        var bin = Int(((coordinate(value) - lowEdge) / width).rounded(.down))
        if !(bin >= 0) { bin = 0 }
        if bin >= bins { bin = bins - 1 }
        counts[bin * days + day] &+= 1
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: FanHistogram) {
        for i in counts.indices { counts[i] &+= other.counts[i] }
    }

    /// The `q` quantile on `day`, interpolated within its bin.
    public func quantile(_ q: Double, day: Int) -> Double {
        var total = 0
        for b in 0..<bins { total += Int(counts[b * days + day]) }
        guard total > 0 else { return 0 }
        let target = q * Double(total)
        var cumulative = 0.0
        for b in 0..<bins {
            let c = Double(counts[b * days + day])
            if cumulative + c >= target && c > 0 {
                let within = (target - cumulative) / c
                return value(at: lowEdge + (Double(b) + within) * width)
            }
            cumulative += c
        }
        return value(at: lowEdge + Double(bins) * width)
    }
}
