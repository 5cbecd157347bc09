import Foundation

/// Per-day histograms of one metric across Monte Carlo paths: a streaming quantile estimator
/// that needs days × bins counters, not paths × days values. Stored bin-major: a path moves
/// through consecutive days, usually in the same bin, so its counters sit side by side. Counts add up, so histograms from
/// different threads merge to the same result whatever the split. Each worker makes its own
/// histogram: copies of the value share counters.
public struct FanHistogram: Sendable {
    /// How values map to bins.
    public enum Scale: Sendable, Equatable {
        /// Bins even in ln(value / reference) from `low` to `high` (both as multiples of reference).
        case logarithmic(reference: Double, low: Double, high: Double)
        /// Bins even in value from `low` to `high`.
        case linear(low: Double, high: Double)
    }

    /// Counters, owned by one histogram (one worker) at a time; merged into another by adding.
    final class Counts: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<UInt32>
        let count: Int
        init(count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
        }
        deinit { pointer.deallocate() }
    }

    let bins: Int
    let days: Int
    let counts: Counts
    let lowEdge: Double
    let inverseWidth: Double
    let width: Double
    let reference: Double
    let logarithmic: Bool

    /// An empty histogram for days 0…`days − 1`.
    public init(scale: Scale, bins: Int = 400, days: Int) {
        self.bins = bins
        self.days = days
        counts = Counts(count: bins * days)
        switch scale {
        case .logarithmic(let reference, let low, let high):
            lowEdge = log(low)
            width = (log(high) - log(low)) / Double(bins)
            self.reference = reference
            logarithmic = true
        case .linear(let low, let high):
            lowEdge = low
            width = (high - low) / Double(bins)
            reference = 1
            logarithmic = false
        }
        inverseWidth = 1 / width
    }

    /// ln(x) to about 1e-5, enough to pick a bin (bins are 0.023 wide in ln): exponent plus a short
    /// atanh series for the mantissa, with no call into libm.
    @inline(__always)
    static func binningLog(_ x: Double) -> Double {
        let bits = x.bitPattern
        let exponent = Double(Int((bits >> 52) & 0x7FF) - 1023)
        let mantissa = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        let t = (mantissa - 1) / (mantissa + 1), t2 = t * t
        let series = 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 / 9))))
        return exponent * 0.693_147_180_559_945_3 + series
    }

    @inline(__always)
    func coordinate(_ value: Double) -> Double {
        logarithmic ? FanHistogram.binningLog(max(value, 1e-300) / reference) : value
    }

    @inline(__always)
    func value(at coordinate: Double) -> Double {
        logarithmic ? reference * exp(coordinate) : coordinate
    }

    /// Counts `value` on `day` (values outside the range go to the end bins).
    @inline(__always)
    public func add(day: Int, _ value: Double) {
        guard day < days else { return }
        add(day: day, bin: bin(value))
    }

    /// The bin `value` falls in (values outside the range go to the end bins).
    @inline(__always)
    func bin(_ value: Double) -> Int {
        let position = (coordinate(value) - lowEdge) * inverseWidth
        // Clamped before converting: an LTV is infinite once a loan's collateral is gone, and
        // Int(_:) traps beyond Int.max (NaN fails the test and goes to the first bin).
        return position >= 0 ? Int(min(position, Double(bins - 1))) : 0
    }

    /// Counts a value in `bin` (from `bin(_:)`) on `day`, which must be below `days`.
    @inline(__always)
    func add(day: Int, bin: Int) {
        counts.pointer[bin * days + day] &+= 1
    }

    /// The counters as an array (bin-major, bins × days), for a shard file.
    public var countArray: [UInt32] { Array(UnsafeBufferPointer(start: counts.pointer, count: counts.count)) }

    /// Adds counters read from a shard (same shape; a shorter array adds to the first bins).
    public func add(counts other: [UInt32]) {
        for i in 0..<min(counts.count, other.count) { counts.pointer[i] &+= other[i] }
    }

    /// Adds another histogram's counts.
    public func merge(_ other: FanHistogram) {
        for i in 0..<min(counts.count, other.counts.count) { counts.pointer[i] &+= other.counts.pointer[i] }
    }

    /// The `q` quantile on `day`, interpolated within its bin.
    public func quantile(_ q: Double, day: Int) -> Double {
        var total = 0
        for b in 0..<bins { total += Int(counts.pointer[b * days + day]) }
        guard total > 0 else { return 0 }
        let target = q * Double(total)
        var cumulative = 0.0
        for b in 0..<bins {
            let c = Double(counts.pointer[b * days + day])
            if cumulative + c >= target && c > 0 {
                let within = (target - cumulative) / c
                return value(at: lowEdge + (Double(b) + within) * width)
            }
            cumulative += c
        }
        return value(at: lowEdge + Double(bins) * width)
    }
}
