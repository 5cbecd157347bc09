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
    struct PathSummary {
        var btcSold = 0.0
        var dilution = 0.0
        var btcPerShareEnd = 0.0
        var minLiquidity = 0.0
        var firstForcedSaleDay = 0.0
        var triggers: UInt64 = 0
    }

    /// The days the fan charts show: about 120 evenly spaced, and the last.
    static func fanDays(horizonDays: Int) -> [Int] {
        let step = max(1, (horizonDays + 1 + 119) / 120)
        return Array(stride(from: 0, through: horizonDays, by: step)) + (horizonDays % step == 0 ? [] : [horizonDays])
    }

    /// Collects the state of each fan day into the three fan histograms (one slot per fan day,
    /// so the counters stay small enough for the cache).
    struct FanObserver: DailyObserver {
        static var observesDays: Bool { true }
        let slot: [Int]
        var price: FanHistogram
        var held: FanHistogram
        var ltv: FanHistogram

        func observes(day: Int) -> Bool { slot[day] >= 0 }

        mutating func observe(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double) {
            let s = slot[day]
            guard s >= 0 else { return }
            price.add(day: s, btcPrice)
            held.add(day: s, btcHeld)
            ltv.add(day: s, maxLTV)
        }
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
        let model = try CompiledPriceModel(spec.model, location: spec.location)
        let start = simulator.treasury.market.btcPrice
        let days = simulator.horizonDays + 1
        let triggers = simulator.possibleTriggers
        let btcStart = simulator.treasury.holdings.bitcoinUnits
            + simulator.treasury.holdings.fundStakes.reduce(0) { $0 + $1.shares * $1.btcPerShare }
        let heldHigh = max(btcStart, 1e-9) * 1.05
        let fanDays = fanDays(horizonDays: simulator.horizonDays)
        var slot = Array(repeating: -1, count: days)
        for (index, day) in fanDays.enumerated() { slot[day] = index }
        let slots = slot
        @Sendable func newObserver() -> FanObserver {
            FanObserver(slot: slots,
                        price: FanHistogram(scale: .logarithmic(reference: start, low: 0.005, high: 50), days: fanDays.count),
                        held: FanHistogram(scale: .linear(low: 0, high: heldHigh), days: fanDays.count),
                        ltv: FanHistogram(scale: .linear(low: 0, high: 2), days: fanDays.count))
        }
        let summaries = Summaries(count: spec.paths)
        let chunks = (spec.paths + chunk - 1) / chunk
        // More threads than cores only costs memory (each keeps its histograms); never changes results.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(jobs ?? cores, cores, chunks))
        let observers = LockedArray<FanObserver>(count: workers)
        let done = LockedCounter()
        progress?(0, spec.paths)  // starts the clock of a progress display
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var observer = newObserver()
            var unit = worker
            while unit < chunks {
                let first = unit * chunk, last = min(spec.paths, first + chunk)
                for index in first..<last {
                    let path = MonteCarloPath(model: model, seed: spec.seed, index: UInt64(index), start: start)
                    let outcome = simulator.run(prices: path, observer: &observer, recordEvents: false, recordSeries: false)
                    var summary = PathSummary()
                    summary.btcSold = outcome.btcSold
                    summary.dilution = outcome.dilution
                    summary.btcPerShareEnd = outcome.btcPerShareEnd
                    summary.minLiquidity = outcome.minLiquidityUSD
                    summary.firstForcedSaleDay = Double(outcome.firstForcedSale?.day ?? Int.max)
                    for (bit, trigger) in triggers.enumerated() where bit < 64 && outcome.triggerDays[trigger] != nil {
                        summary.triggers |= 1 << UInt64(bit)
                    }
                    summaries.pointer[index] = summary
                }
                let total = done.add(last - first)
                progress?(total, spec.paths)
                unit += workers
            }
            observers.set(worker, observer)
        }
        let fans = newObserver()
        for observer in observers.values { fans.price.merge(observer.price); fans.held.merge(observer.held); fans.ltv.merge(observer.ltv) }
        return MonteCarloResult(spec: spec, horizonDays: simulator.horizonDays, fanDays: fanDays, triggers: triggers,
                                summaries: UnsafeBufferPointer(start: summaries.pointer, count: summaries.count),
                                fans: fans)
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
