public import TreasuryModel
public import StressResults
import Foundation

/// Runs a Monte Carlo spec: every path through the same simulator as a deterministic scenario,
/// in parallel, with results that depend only on (inputs, seed, paths), never on `jobs`.
public enum MonteCarloSimulation {
    /// Quantile levels reported.
    public static let levels: [Double] = [0.05, 0.25, 0.5, 0.75, 0.95]
    /// Paths per work unit.
    static let chunk = 256

    /// What one path leaves behind (the rest streams into the fan histograms).
    typealias PathSummary = MonteCarloPartial.PathSummary

    /// The days the fan charts show: about 120 evenly spaced, and the last.
    static func fanDays(horizonDays: Int) -> [Int] {
        let step = max(1, (horizonDays + 1 + 119) / 120)
        return Array(stride(from: 0, through: horizonDays, by: step)) + (horizonDays % step == 0 ? [] : [horizonDays])
    }

    /// Collects the state of each fan day into the three fan histograms (one slot per fan day,
    /// so the counters stay small enough for the cache).
    ///
    /// A path's values are kept as they come and counted when the path ends (`countPath`): binning
    /// a price is a chain of three divisions and a series, and counted day by day each chain held
    /// up the simulator's day behind it; counted together after the path, the chains of its fan
    /// days overlap. The counts are the same: each value goes to the same bin, and counts add.
    struct FanObserver: DailyObserver {
        static var observesDays: Bool { true }
        let slot: [Int]
        var price: FanHistogram
        var held: FanHistogram
        var ltv: FanHistogram
        /// This path's values so far, by fan day, for each histogram in turn; the fan days filled.
        let pending: PendingValues
        var filled = 0

        init(slot: [Int], price: FanHistogram, held: FanHistogram, ltv: FanHistogram) {
            self.slot = slot
            self.price = price
            self.held = held
            self.ltv = ltv
            pending = PendingValues(count: 3 * price.days)
        }

        func observes(day: Int) -> Bool { slot[day] >= 0 }

        mutating func observe(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double) {
            let s = slot[day]
            guard s >= 0 && s < price.days else { return }
            let values = pending.pointer, days = price.days
            values[s] = btcPrice
            values[days + s] = btcHeld
            values[2 * days + s] = maxLTV
            filled = s + 1
        }

        /// Counts the path's values into the histograms, ready for the next path. Fan days are
        /// observed in order, so the first `filled` are this path's.
        mutating func countPath() {
            let values = pending.pointer, days = price.days
            for s in 0..<filled { price.add(day: s, values[s]) }
            // BTC held is the same from one fan day to the next on most paths (and a loan's LTV
            // on some): the same value, the same bin, without working it out again.
            Self.count(values + days, filled, into: held)
            Self.count(values + 2 * days, filled, into: ltv)
            filled = 0
        }

        /// Counts fan days 0..<`filled` of `values` into `histogram`, binning a value only when it
        /// differs from the day before's.
        @inline(__always)
        private static func count(_ values: UnsafeMutablePointer<Double>, _ filled: Int, into histogram: FanHistogram) {
            guard filled > 0 else { return }
            var last = values[0], bin = histogram.bin(last)
            histogram.add(day: 0, bin: bin)
            for s in 1..<filled {
                let value = values[s]
                // Equal values, or both NaN (which bin alike), share a bin.
                if value != last && !(value.isNaN && last.isNaN) { (last, bin) = (value, histogram.bin(value)) }
                histogram.add(day: s, bin: bin)
            }
        }
    }

    /// One worker's buffer of a path's fan values (its own, so writing it checks no uniqueness).
    final class PendingValues: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Double>
        init(count: Int) {
            pointer = .allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
        }
        deinit { pointer.deallocate() }
    }

    /// Shared, disjointly written per-path storage.
    final class Summaries: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<PathSummary>
        let count: Int
        init(count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: PathSummary(), count: count)
        }
        deinit { pointer.deallocate() }
    }

    /// Runs `spec` on `simulator`.
    ///
    /// - Parameters:
    ///   - jobs: worker threads (1 or more); the result is the same for any value.
    ///   - progress: called with (paths done, paths) from worker threads.
    public static func run(
        _ spec: MonteCarloSpec, simulator: TreasurySimulator, jobs: Int? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(InputError) -> MonteCarloResult {
        // In one process the summaries are summarised where they lie (no copy: 1M paths stay small).
        let (summaries, counts, fans) = try simulate(spec, simulator: simulator, paths: 0..<spec.paths, jobs: jobs, progress: progress)
        return MonteCarloResult(spec: spec, horizonDays: simulator.horizonDays, fanDays: fanDays(horizonDays: simulator.horizonDays),
                                triggers: simulator.possibleTriggers, triggerCounts: counts,
                                summaries: UnsafeBufferPointer(start: summaries.pointer, count: summaries.count), fans: fans)
    }

    /// The fan histograms of a run, empty.
    static func newObserver(_ simulator: TreasurySimulator) -> FanObserver {
        let start = simulator.treasury.market.btcPrice
        let btcStart = simulator.treasury.holdings.bitcoinUnits
            + simulator.treasury.holdings.fundStakes.reduce(0) { $0 + $1.shares * $1.btcPerShare }
        let heldHigh = max(btcStart, 1e-9) * 1.05
        let fanDays = fanDays(horizonDays: simulator.horizonDays)
        var slot = Array(repeating: -1, count: simulator.horizonDays + 1)
        for (index, day) in fanDays.enumerated() { slot[day] = index }
        return FanObserver(slot: slot,
                           price: FanHistogram(scale: .logarithmic(reference: start, low: 0.005, high: 50), days: fanDays.count),
                           held: FanHistogram(scale: .linear(low: 0, high: heldHigh), days: fanDays.count),
                           ltv: FanHistogram(scale: .linear(low: 0, high: 2), days: fanDays.count))
    }

    /// Runs the paths `paths` (a range of indices within `0..<spec.paths`) of `spec`: one shard of
    /// the run, merged with the others by `merge`.
    public static func runShard(
        _ spec: MonteCarloSpec, simulator: TreasurySimulator, paths range: Range<Int>, jobs: Int? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(InputError) -> MonteCarloPartial {
        let (summaries, counts, fans) = try simulate(spec, simulator: simulator, paths: range, jobs: jobs, progress: progress)
        return MonteCarloPartial(specID: spec.id, totalPaths: spec.paths, range: range,
                                 summaries: Array(UnsafeBufferPointer(start: summaries.pointer, count: summaries.count)),
                                 triggerCounts: counts,
                                 priceCounts: fans.price.countArray, heldCounts: fans.held.countArray, ltvCounts: fans.ltv.countArray)
    }

    /// Simulates the paths `range` of `spec` in parallel: their summaries, by offset in the range,
    /// how many of them fired each of `possibleTriggers` (however many there are), and the merged
    /// fan histograms.
    static func simulate(
        _ spec: MonteCarloSpec, simulator: TreasurySimulator, paths range: Range<Int>, jobs: Int?,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws(InputError) -> (Summaries, [Int], FanObserver) {
        let model = try CompiledPriceModel(spec.model, location: spec.location)
        let start = simulator.treasury.market.btcPrice
        let triggers = simulator.triggerSlots.all.count
        let count = range.count
        let summaries = Summaries(count: count)
        let chunks = (count + chunk - 1) / chunk
        // More threads than cores only costs memory (each keeps its histograms); never changes results.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(jobs ?? cores, cores, chunks))
        let observers = LockedArray<FanObserver>(count: workers)
        let tallies = LockedArray<[Int]>(count: workers)
        let done = LockedCounter()
        // Chunks go to whichever worker is free: on a shared machine one core may run slower for a
        // while, and a fixed split waited for it. What a chunk adds does not depend on who runs it.
        let taken = LockedCounter()
        let first = range.lowerBound
        progress?(0, count)  // starts the clock of a progress display
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var observer = newObserver(simulator)
            var fired = Array(repeating: 0, count: triggers)
            var unit = taken.add(1) - 1
            let walks = StoredWalks(capacity: 1, horizonDays: simulator.horizonDays)
            var buffers = PathBuffers()
            while unit < chunks {
                let low = unit * chunk, high = min(count, low + chunk)
                for offset in low..<high {
                    let index = first + offset
                    // The path's walk drawn whole first (`StoredWalks`): the same prices as
                    // `MonteCarloPath` stepped day by day, and faster.
                    walks.draw(index..<index + 1, model: model, seed: spec.seed)
                    var path = simulator.runPath(prices: walks.path(0, start: start), observer: &observer, buffers: &buffers)
                    observer.countPath()
                    let outcome = path.finishWithoutTriggerDays()
                    var summary = PathSummary()
                    summary.btcSold = outcome.btcSold
                    summary.dilution = outcome.dilution
                    summary.btcPerShareEnd = outcome.btcPerShareEnd
                    summary.minLiquidity = outcome.minLiquidityUSD
                    summary.firstForcedSaleDay = Double(outcome.firstForcedSale?.day ?? Int.max)
                    // A count per trigger, not a fixed-width mask: a treasury may have hundreds.
                    for k in 0..<triggers where path.triggerDay[k] >= 0 { fired[k] += 1 }
                    path.giveBuffers(to: &buffers)
                    summaries.pointer[offset] = summary
                }
                let total = done.add(high - low)
                progress?(total, count)
                unit = taken.add(1) - 1
            }
            observers.set(worker, observer)
            tallies.set(worker, fired)
        }
        let fans = newObserver(simulator)
        for observer in observers.values { fans.price.merge(observer.price); fans.held.merge(observer.held); fans.ltv.merge(observer.ltv) }
        var counts = Array(repeating: 0, count: triggers)
        for tally in tallies.values { for k in counts.indices { counts[k] += tally[k] } }
        return (summaries, counts, fans)
    }

    /// Merges shards of `spec` that together hold every path exactly once (in any order) into the
    /// run's result, identical to the run made in one process.
    ///
    /// - Throws: `InputError` when a shard belongs to another run, has the wrong histogram shape,
    ///   or the shards overlap or leave paths out.
    public static func merge(_ spec: MonteCarloSpec, simulator: TreasurySimulator,
                             shards: [MonteCarloPartial]) throws(InputError) -> MonteCarloResult {
        // A shard with no paths (more shards than paths) adds nothing but is still checked.
        let ordered = shards.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        let fans = newObserver(simulator)
        let triggers = simulator.possibleTriggers
        var counts = Array(repeating: 0, count: triggers.count)
        var next = 0
        var all: [PathSummary] = []
        all.reserveCapacity(spec.paths)
        for shard in ordered {
            guard shard.specID == spec.id, shard.totalPaths == spec.paths else {
                throw InputError("Monte Carlo shard of run \"\(shard.specID)\" (\(shard.totalPaths) paths) does not belong to run \"\(spec.id)\" (\(spec.paths) paths)", at: nil)
            }
            guard shard.range.lowerBound == next || (shard.range.isEmpty && shard.range.lowerBound <= next) else {
                throw InputError(shard.range.lowerBound < next
                    ? "Monte Carlo run \"\(spec.id)\": shards overlap at path \(shard.range.lowerBound)"
                    : "Monte Carlo run \"\(spec.id)\": paths \(next)..<\(shard.range.lowerBound) are in no shard", at: nil)
            }
            guard shard.summaries.count == shard.range.count, shard.triggerCounts.count == counts.count,
                  shard.triggerCounts.allSatisfy({ $0 >= 0 && $0 <= shard.range.count }),
                  shard.priceCounts.count == fans.price.counts.count,
                  shard.heldCounts.count == fans.held.counts.count, shard.ltvCounts.count == fans.ltv.counts.count else {
                throw InputError("Monte Carlo run \"\(spec.id)\": a shard's sizes do not match its paths, this treasury's triggers or this horizon", at: nil)
            }
            all.append(contentsOf: shard.summaries)
            for k in counts.indices { counts[k] += shard.triggerCounts[k] }
            fans.price.add(counts: shard.priceCounts)
            fans.held.add(counts: shard.heldCounts)
            fans.ltv.add(counts: shard.ltvCounts)
            next = max(next, shard.range.upperBound)
        }
        guard next == spec.paths else {
            throw InputError("Monte Carlo run \"\(spec.id)\": paths \(next)..<\(spec.paths) are in no shard", at: nil)
        }
        return all.withUnsafeBufferPointer { buffer in
            MonteCarloResult(spec: spec, horizonDays: simulator.horizonDays, fanDays: fanDays(horizonDays: simulator.horizonDays),
                             triggers: triggers, triggerCounts: counts, summaries: buffer, fans: fans)
        }
    }
}

/// A lock-protected array of per-worker results.
final class LockedArray<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.lock(); storage[index] = value; lock.unlock() }
    var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.compactMap { $0 } }
}

/// A lock-protected running count (paths done).
final class LockedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func add(_ amount: Int) -> Int { lock.lock(); defer { lock.unlock() }; value += amount; return value }
}
