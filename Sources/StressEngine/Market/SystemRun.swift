public import TreasuryModel
public import StressResults
import Foundation

/// The systemic run (DESIGN §6.2): every holder stepped in lockstep on one price. Each day the
/// price opens at the scenario's move plus the impact carried from earlier days; leveraged bands
/// whose liquidation price is reached are sold in rounds within the day, each round moving the
/// price at once (at most 10); then every holder steps at that price; the holders' sales and the
/// ETF outflows carry into the next day. The same run with no sale moving the price is the
/// counterfactual: a trigger that fires with feedback and not without was caused by the spiral.
public enum SystemRun {
    /// Most liquidation rounds within one day.
    public static let maxRounds = 10

    /// Runs `system` along the scenario's own `path` (day 0 at the system's price).
    public static func run(_ system: MarketSystem, scenarioID: String, scenarioName: String, path: PricePath,
                           conditions: ScenarioConditions = .calm) -> SystemScenarioResult {
        let withFeedback = simulate(system, path: path, conditions: conditions, feedback: true)
        let without = simulate(system, path: path, conditions: conditions, feedback: false)
        var holders: [SystemHolderOutcome] = []
        for (index, treasury) in system.holders.enumerated() {
            let outcome = withFeedback.outcomes[index], counterfactual = without.outcomes[index]
            let caused = outcome.triggerDays.filter { counterfactual.triggerDays[$0.key] == nil }
                .sorted { ($0.value, $0.key) < ($1.value, $1.key) }
                .map { trigger, day in
                    SpiralTrigger(trigger: trigger, day: day, precededBy: sources(withFeedback.days, through: day, excluding: index))
                }
            holders.append(SystemHolderOutcome(name: treasury.name, outcome: outcome, counterfactual: counterfactual,
                                               causedBySpiral: caused))
        }
        return SystemScenarioResult(scenarioID: scenarioID, scenarioName: scenarioName, days: withFeedback.days, holders: holders)
    }

    /// Who sold in the three days up to `day`, other than holder `excluding`, largest first.
    static func sources(_ days: [SystemDay], through day: Int, excluding: Int) -> [SaleSource] {
        let window = days.filter { $0.day <= day && $0.day > day - 3 }
        var result: [SaleSource] = []
        let holderCount = window.first?.holderSalesUSD.count ?? 0
        for h in 0..<holderCount where h != excluding {
            let usd = window.reduce(0) { $0 + $1.holderSalesUSD[h] }
            if usd > 0 { result.append(SaleSource(kind: .holder(h), usd: usd)) }
        }
        let leveraged = window.reduce(0) { $0 + $1.leveragedSalesUSD }
        if leveraged > 0 { result.append(SaleSource(kind: .leveragedLongs, usd: leveraged)) }
        let outflows = window.reduce(0) { $0 + $1.fundOutflowUSD }
        if outflows > 0 { result.append(SaleSource(kind: .fundOutflows, usd: outflows)) }
        return result.sorted { $0.usd > $1.usd }
    }

    /// `treasury` on the system's market with no sale moving the price: the system's volume, no
    /// impact of its own (in the systemic run the price carries everyone's impact).
    static func withoutFeedback(_ treasury: Treasury, in system: MarketSystem) -> Treasury {
        var valued = treasury
        valued.market.btcDailyVolumeUSD = system.btcDailyVolumeUSD
        valued.market.priceImpact = nil
        return valued
    }

    static func simulate<Exogenous: BTCPriceSource>(
        _ system: MarketSystem, path: Exogenous, conditions: ScenarioConditions, feedback: Bool, record: Bool = true
    ) -> (days: [SystemDay], outcomes: [ScenarioOutcome], lowest: Double) {
        var path = path
        let terms = ImpactTerms(system.priceImpact, volumeUSD: system.btcDailyVolumeUSD)
        // Holders fill their sales against the system's impact (each against its own sales of the
        // day); in the counterfactual no sale moves anything.
        var holders: [SimulatedTreasury] = system.holders.map { treasury in
            var valued = withoutFeedback(treasury, in: system)
            if feedback { valued.market.priceImpact = system.priceImpact }
            return SimulatedTreasury(simulator: TreasurySimulator(treasury: valued, horizonDays: system.horizonDays),
                                     conditions: conditions, recordEvents: record, recordSeries: record)
        }
        let start = system.btcPrice
        var liquidated = Array(repeating: false, count: system.leveragedLongs.count)
        var memory = ImpactMemory()
        var deepest = 0.0  // the deepest drawdown the ETF flows have answered to
        var days: [SystemDay] = []
        var closes: [Double] = []
        closes.reserveCapacity(system.horizonDays + 1)
        if record { days.reserveCapacity(system.horizonDays + 1) }
        var lowest = Double.infinity
        for day in 0...system.horizonDays {
            let exogenous = path.price(onDay: day, after: nil)
            var price = feedback ? exogenous * exp(-memory.offset) : exogenous
            let volume = terms.volume(onDay: day, conditions)
            var sold = 0.0, rounds = 0, leveraged = 0.0, outflow = 0.0
            if day > 0 {
                while rounds < maxRounds {
                    var round = 0.0
                    for (i, band) in system.leveragedLongs.enumerated() where !liquidated[i] && price <= band.liquidationPrice {
                        liquidated[i] = true
                        round += band.notionalUSD / start * price
                    }
                    guard round > 0 else { break }
                    rounds += 1
                    if feedback {
                        price *= exp(-(terms.impact(sold: sold + round, volume: volume) - terms.impact(sold: sold, volume: volume)))
                    }
                    sold += round
                    leveraged += round
                }
                // Redemptions answer to new lows of the drawdown (lagDays earlier), not to its level:
                // a fall of 30 % redeems 30 × the rate in all, however long or choppy the way down.
                if let flows = system.fundFlows, day - flows.lagDays >= 1 {
                    let then = flows.lagDays == 0 ? price : closes[day - flows.lagDays]
                    let drawdown = max(0, 1 - then / start)
                    if drawdown > deepest {
                        outflow = flows.outflowUSDPerPercentDrawdown * (drawdown - deepest) * 100
                        deepest = drawdown
                        sold += outflow
                    }
                }
            }
            var holderSales: [Double] = []
            if record { holderSales.reserveCapacity(holders.count) }
            for i in holders.indices {
                if record { holders[i].exogenousPrice = exogenous }
                let flows = holders[i].step(day: day, price: price)
                let usd = flows.btcSold * price
                if record { holderSales.append(usd) }
                sold += usd
            }
            closes.append(price)
            lowest = min(lowest, price)
            if record {
                days.append(SystemDay(day: day, exogenousPrice: exogenous, price: price, rounds: rounds,
                                      leveragedSalesUSD: leveraged, fundOutflowUSD: outflow, holderSalesUSD: holderSales))
            }
            if feedback { memory.close(day: terms.impact(sold: sold, volume: volume), terms) }
        }
        return (days, holders.indices.map { holders[$0].finish() }, lowest)
    }
}
