public import TreasuryModel
public import StressResults
import Foundation

/// Monte Carlo on a system (DESIGN §6.2): each random path is shared by every holder and run with
/// and without the feedback; the result depends only on (inputs, seed, paths), never on `jobs`.
public enum SystemMonteCarlo {
    /// What one path leaves behind.
    struct PathSummary {
        var amplification = Double.nan
        var flags: [UInt8] = []  // per holder: bit 0 forced sale, 1 without, 2 default, 3 without, 4 caused
    }

    /// Runs `spec` on `system` over the system's horizon.
    public static func run(_ spec: MonteCarloSpec, system: MarketSystem, jobs: Int? = nil) throws(InputError) -> SystemMonteCarloResult {
        let model = try CompiledPriceModel(spec.model, location: spec.location)
        let count = spec.paths
        let summaries = LockedArray<[PathSummary]>(count: max(1, ProcessInfo.processInfo.activeProcessorCount))
        let chunk = 64
        let chunks = (count + chunk - 1) / chunk
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(jobs ?? cores, cores, chunks))
        let holders = system.holders.count
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var mine: [PathSummary] = []
            var unit = worker
            while unit < chunks {
                for index in unit * chunk..<min(count, (unit + 1) * chunk) {
                    let path = MonteCarloPath(model: model, seed: spec.seed, index: UInt64(index), start: system.btcPrice)
                    let with = SystemRun.simulate(system, path: path, conditions: .calm, feedback: true, record: false)
                    let without = SystemRun.simulate(system, path: path, conditions: .calm, feedback: false, record: false)
                    var summary = PathSummary(flags: Array(repeating: 0, count: holders))
                    // Without feedback the price is the path's own, so its low is the path's.
                    let own = max(0, 1 - without.lowest / system.btcPrice)
                    if own > 0 { summary.amplification = max(0, 1 - with.lowest / system.btcPrice) / own }
                    for h in 0..<holders {
                        let a = with.outcomes[h], b = without.outcomes[h]
                        var bits: UInt8 = 0
                        if a.firstForcedSale != nil { bits |= 1 }
                        if b.firstForcedSale != nil { bits |= 2 }
                        if a.firstDefaultDay != nil { bits |= 4 }
                        if b.firstDefaultDay != nil { bits |= 8 }
                        if a.triggerDays.keys.contains(where: { b.triggerDays[$0] == nil }) { bits |= 16 }
                        summary.flags[h] = bits
                    }
                    mine.append(summary)
                }
                unit += workers
            }
            summaries.set(worker, mine)
        }
        // Reassemble in path order: worker w ran chunks w, w + workers, … in order.
        let perWorker = summaries.values
        var ordered: [PathSummary] = []
        ordered.reserveCapacity(count)
        var cursors = Array(repeating: 0, count: perWorker.count)
        for unit in 0..<chunks {
            let w = unit % workers
            let size = min(count, (unit + 1) * chunk) - unit * chunk
            ordered += perWorker[w][cursors[w]..<cursors[w] + size]
            cursors[w] += size
        }
        let amplifications = ordered.map(\.amplification).filter { !$0.isNaN }.sorted()
        func quantile(_ q: Double) -> Double {
            guard !amplifications.isEmpty else { return 1 }
            let position = q * Double(amplifications.count - 1)
            let low = Int(position.rounded(.down)), high = min(amplifications.count - 1, low + 1)
            return amplifications[low] + (amplifications[high] - amplifications[low]) * (position - Double(low))
        }
        let n = Double(max(1, ordered.count))
        func share(_ h: Int, _ bit: UInt8) -> Double { Double(ordered.filter { $0.flags[h] & bit != 0 }.count) / n }
        let probabilities = system.holders.indices.map { h in
            SystemMonteCarloResult.HolderProbabilities(
                name: system.holders[h].name, forcedSale: share(h, 1), forcedSaleWithoutFeedback: share(h, 2),
                defaulted: share(h, 4), defaultedWithoutFeedback: share(h, 8), causedBySpiral: share(h, 16))
        }
        return SystemMonteCarloResult(id: spec.id, name: spec.name, paths: count, seed: spec.seed,
                                      amplification: MonteCarloSimulation.levels.map(quantile), holders: probabilities)
    }
}
