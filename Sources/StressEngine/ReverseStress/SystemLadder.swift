public import TreasuryModel
public import StressResults
import Foundation

/// Reverse stress on a system (DESIGN §3 and §6.2): for each holder and each of its triggers, the
/// highest BTC price (an instant shock from the system's price, held flat) at which it fires with
/// every sale moving the one price, and with none. With feedback a shock reaches the leveraged
/// bands, whose liquidation rounds, the ETF outflows and the other holders' sales take the price
/// lower still, so a trigger fires after a smaller shock: the board sees where its spiral starts.
public enum SystemLadder {
    /// Every holder's ladder, in system order; `jobs` worker threads (default all cores) never
    /// change the result.
    public static func build(_ system: MarketSystem, jobs: Int? = nil) -> [SystemHolderLadder] {
        let start = system.btcPrice
        let horizon = system.horizonDays
        @Sendable func together(_ shock: Double, record: Bool = false) -> (outcomes: [ScenarioOutcome], lowest: Double) {
            let run = SystemRun.simulate(system, path: PricePath.instant(start: start, shock: shock, horizonDays: horizon),
                                         conditions: .calm, feedback: true, record: record)
            return (run.outcomes, run.lowest)
        }
        // One systemic run per grid shock serves every holder's triggers.
        let grid = TriggerLadder.grid.map { together($0).outcomes.map(\.triggerDays) }
        // Without feedback the holders do not meet: each one's ladder is its own, with no impact.
        let alone = LockedArray<[TriggerRung]>(count: system.holders.count)
        let simulators = system.holders.map {
            TreasurySimulator(treasury: SystemRun.withoutFeedback($0, in: system), horizonDays: horizon)
        }
        let work = simulators.indices.flatMap { h in simulators[h].possibleTriggers.map { (holder: h, trigger: $0) } }
        let rungs = LockedArray<(SystemRung, Int)>(count: work.count)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(jobs ?? cores, cores, work.count + system.holders.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var h = worker
            while h < system.holders.count {
                alone.set(h, TriggerLadder.build(simulators[h]))
                h += workers
            }
        }
        let aloneRungs = alone.values
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var k = worker
            while k < work.count {
                let (h, trigger) = work[k]
                var low: Double?
                let rung = TriggerLadder.rung(
                    trigger, start: start, gridFires: grid.map { $0[h][trigger] != nil },
                    fires: { together($0).outcomes[h].triggerDays[trigger] != nil },
                    driver: { shock in
                        let run = together(shock, record: true)
                        low = run.lowest
                        return TriggerDriver.find(trigger, in: run.outcomes[h].events)
                    })
                let partner = aloneRungs[h].first { $0.trigger == trigger }
                    ?? TriggerRung(trigger: trigger, status: .never, btcPrice: nil, drawdown: nil, monotonic: true)
                rungs.set(k, (SystemRung(together: rung, alone: partner, realisedLow: rung.status == .never ? nil : low), h))
                k += workers
            }
        }
        let found = rungs.values
        return system.holders.indices.map { h in
            SystemHolderLadder(name: system.holders[h].name,
                               rungs: found.filter { $0.1 == h }.map(\.0))
        }
    }
}
