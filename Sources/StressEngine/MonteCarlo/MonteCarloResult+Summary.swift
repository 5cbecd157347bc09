import TreasuryModel
import StressResults
import Foundation

extension MonteCarloResult {
    /// Summarises a finished run: each trigger's count of paths, quantiles of the per-path
    /// outcomes, and the fan quantiles from the merged histograms.
    init(spec: MonteCarloSpec, horizonDays: Int, fanDays: [Int], triggers: [Trigger], triggerCounts: [Int],
         summaries: UnsafeBufferPointer<MonteCarloSimulation.PathSummary>, fans: MonteCarloSimulation.FanObserver) {
        let n = summaries.count
        let id = spec.id
        let name = spec.name
        let seed = spec.seed
        let probabilities = triggers.enumerated().map { k, trigger in
            TriggerProbability(trigger: trigger, count: k < triggerCounts.count ? triggerCounts[k] : 0, paths: n)
        }
        func quantiles(_ metric: String, _ unit: String, _ values: [Double]) -> OutcomeQuantiles {
            let sorted = values.sorted()
            return OutcomeQuantiles(metric: metric, unit: unit, values: MonteCarloSimulation.levels.map { q in
                guard !sorted.isEmpty else { return 0 }
                let position = q * Double(sorted.count - 1)
                let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
                return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            })
        }
        let horizonPlusOne = Double(horizonDays + 1)
        let outcomeQuantiles = [
            quantiles("btcSold", "BTC", summaries.map(\.btcSold)),
            quantiles("dilution", "fraction", summaries.map(\.dilution)),
            quantiles("btcPerShareEnd", "BTC", summaries.map(\.btcPerShareEnd)),
            quantiles("minLiquidityUSD", "USD", summaries.map(\.minLiquidity)),
            quantiles("daysToFirstForcedSale", "days", summaries.map { min($0.firstForcedSaleDay, horizonPlusOne) }),
        ]
        func fan(_ metric: String, _ histogram: FanHistogram) -> Fan {
            Fan(metric: metric, points: fanDays.enumerated().map { slot, day in
                FanPoint(day: day, values: MonteCarloSimulation.levels.map { histogram.quantile($0, day: slot) })
            })
        }
        let fanCharts = [fan("btcPrice", fans.price), fan("btcHeld", fans.held), fan("maxLTV", fans.ltv)]
        self.init(id: id, name: name, priceModel: spec.model, paths: n, seed: seed,
                  triggers: probabilities, quantiles: outcomeQuantiles, fans: fanCharts)
    }
}
