import Foundation
import StressEngine

/// The floor: the engine's path generation alone (the same Philox stream, ziggurat sampler and
/// `exp` as a Monte Carlo run, no simulator): each path's walk drawn whole, as a Monte Carlo run
/// draws it (`MonteCarloPath.draw(into:days:)`), then priced every day. Every price is used, by counting the days above the
/// start: summing the prices instead chained each day's `exp` to the day before through the sum and
/// measured a floor up to half again slower than the simulator's own arithmetic bound, on the
/// loan and fund examples; a floor must not be slowed by its harness.
enum PathFloor {
    /// Runs `paths` paths of `days` days on `jobs` threads; returns the share of path-days above
    /// the start price (a checksum).
    static func run(model: CompiledPriceModel, seed: UInt64, start: Double, paths: Int, days: Int, jobs: Int) -> Double {
        let sums = LockedSums(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var sum = 0.0
            var index = worker
            let walk = UnsafeMutablePointer<Double>.allocate(capacity: days + 1)
            defer { walk.deallocate() }
            while index < paths {
                var path = MonteCarloPath(model: model, seed: seed, index: UInt64(index), start: start)
                path.draw(into: walk, days: days + 1)
                // `MonteCarloPath`'s price: P₀ · e^walk.
                for day in 0...days { sum += start * exp(walk[day]) > start ? 1 : 0 }
                index += jobs
            }
            sums.set(worker, sum)
        }
        return sums.total / (Double(paths) * Double(days + 1))
    }
}
