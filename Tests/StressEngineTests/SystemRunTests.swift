import Foundation
import Testing
import StressResults
import TreasuryModel
@testable import StressEngine

/// The systemic run (DESIGN §6.2) with numbers checked by hand.
@Suite struct SystemRunTests {
    static let impact = PriceImpact(coefficient: 1, dailyVolatility: 0.02, permanentFraction: 0.25, halfLifeDays: 2,
                                    maxParticipation: 0.1)

    static func system(holders: [Treasury] = [], bands: [LeveragedBand], horizon: Int = 5) -> MarketSystem {
        MarketSystem(name: "S", asOf: Fixtures.date("2025-09-30"), btcPrice: 100_000, horizonDays: horizon,
                     btcDailyVolumeUSD: 40e9, priceImpact: impact, holders: holders, leveragedLongs: bands)
    }

    static func flat(_ price: Double, horizon: Int = 5) -> PricePath {
        var prices = Array(repeating: price, count: horizon + 1)
        prices[0] = 100_000
        return PricePath(prices: prices)
    }

    /// A $4B band reached on day 1 sells 40,000 BTC at $100,000: I = 0.02·√(4e9/4e10) and the
    /// price that day is 100,000·e^(−I); a second band that price reaches goes in a second round,
    /// moving the price by the difference of the square roots. The next day opens at
    /// 100,000·e^(−I_day·(φ + (1−φ)·2^(−1/h))).
    @Test func bandsAreLiquidatedInRoundsThatMoveThePrice() throws {
        let system = Self.system(bands: [LeveragedBand(liquidationPrice: 100_000, notionalUSD: 4e9),
                                         LeveragedBand(liquidationPrice: 99_500, notionalUSD: 2e9)])
        let result = SystemRun.run(system, scenarioID: "flat", scenarioName: "flat", path: Self.flat(100_000))
        let day1 = result.days[1]
        let first = 0.02 * (4e9 / 40e9).squareRoot()
        let afterFirst = 100_000 * exp(-first)
        #expect(afterFirst < 99_500)
        let second = 2e9 / 100_000 * afterFirst
        let total = 0.02 * ((4e9 + second) / 40e9).squareRoot()
        #expect(day1.rounds == 2)
        #expect(abs(day1.leveragedSalesUSD - (4e9 + second)) < 1e-3)
        #expect(abs(day1.price - afterFirst * exp(-(total - first))) < 1e-6)
        #expect(abs(result.days[2].price - 100_000 * exp(-total * (0.25 + 0.75 * pow(2, -0.5)))) < 1e-6)
        #expect(result.days[2].rounds == 0)
        #expect(abs((result.amplification ?? 0) - 0) < 1e-12 || result.exogenousWorstDrawdown == 0)
    }

    /// A loan whose margin call sits at $61,538.46 is safe on a path held at $62,000; the bands
    /// that path reaches ($20B: I = 0.02·√(12.4e9/4e10) = 1.1 %, to $61,313) push the realised price below the call: the call is caused by the spiral,
    /// and the leveraged longs sold before it.
    @Test func aTriggerTheSpiralCausesIsMarked() throws {
        let system = Self.system(holders: [Fixtures.loanTreasury()],
                                 bands: [LeveragedBand(liquidationPrice: 62_000, notionalUSD: 20e9)])
        let result = SystemRun.run(system, scenarioID: "s", scenarioName: "s", path: Self.flat(62_000))
        let holder = try #require(result.holders.first)
        #expect(holder.counterfactual.triggerDays[Trigger(kind: .marginCall, ref: "loan-a")] == nil)
        let caused = try #require(holder.causedBySpiral.first { $0.trigger == Trigger(kind: .marginCall, ref: "loan-a") })
        #expect(caused.day == 1)
        #expect(caused.precededBy.first?.kind == .leveragedLongs)
        #expect((result.amplification ?? 0) > 1)
    }

    /// The ladder in a system: alone, the margin call fires at 200M / (5,000 · 0.65) = $61,538.46;
    /// with a $20B band at $62,000, every shock that reaches the band sells it and takes the price
    /// to 62,000·e^(−0.02·√(12.4e9/4e10)) = $61,313, below the call: the rung moves up to the band,
    /// $62,000. Bisection resolves to 1e-5 of the $100,000 start, $1.
    @Test func aBandAboveTheCallBringsTheRungUpToTheBand() throws {
        let system = Self.system(holders: [Fixtures.loanTreasury()],
                                 bands: [LeveragedBand(liquidationPrice: 62_000, notionalUSD: 20e9)])
        let ladder = try #require(SystemLadder.build(system, jobs: 2).first)
        let rung = try #require(ladder.rungs.first { $0.trigger == Trigger(kind: .marginCall, ref: "loan-a") })
        let call = 200e6 / (5000 * 0.65)
        #expect(rung.alone.status == .fires && rung.together.status == .fires)
        #expect(abs((rung.alone.btcPrice ?? 0) - call) <= 1)
        #expect(abs((rung.together.btcPrice ?? 0) - 62_000) <= 1)
        #expect(abs((rung.realisedLow ?? 0) - 62_000 * exp(-0.02 * (12.4e9 / 40e9).squareRoot())) <= 2)
        #expect(abs((rung.broughtForward ?? 0) - (62_000 / call - 1)) < 1e-4)
        #expect(rung.together.driver?.kind == .marginCall)
    }

    /// With no band and no fund flows, a holder's margin call (cured by pledging, so nothing is
    /// sold up to it) fires at the same price with feedback as without; its liquidation sells
    /// collateral, whose impact takes the price lower, so with feedback it fires after a smaller
    /// shock. The result is the same for one thread and two.
    @Test func withNothingSoldTheSystemLadderIsTheHoldersOwn() throws {
        let system = Self.system(holders: [Fixtures.loanTreasury()], bands: [], horizon: 30)
        let ladder = try #require(SystemLadder.build(system, jobs: 1).first)
        let call = try #require(ladder.rungs.first { $0.trigger.kind == .marginCall })
        #expect(call.together.status == .fires && call.together.btcPrice == call.alone.btcPrice)
        #expect(call.broughtForward == 0)
        let liquidation = try #require(ladder.rungs.first { $0.trigger.kind == .liquidation })
        #expect((liquidation.together.btcPrice ?? 0) >= (liquidation.alone.btcPrice ?? .infinity))
        #expect(SystemLadder.build(system, jobs: 2) == SystemLadder.build(system, jobs: 1))
    }

    /// Without feedback each holder's outcome is its own run on the scenario's path.
    @Test func theCounterfactualIsTheHoldersOwnRun() throws {
        let treasury = Fixtures.mixedTreasury()
        let path = PricePath.instant(start: 100_000, shock: -0.6, horizonDays: 120)
        let system = Self.system(holders: [treasury], bands: [], horizon: 120)
        let result = SystemRun.run(system, scenarioID: "s", scenarioName: "s", path: path)
        let solo = TreasurySimulator(treasury: treasury, horizonDays: 120).run(path: path)
        var counterfactual = try #require(result.holders.first?.counterfactual)
        counterfactual.series = counterfactual.series.map { var s = $0; s.exogenousBTCPrice = nil; return s }
        #expect(counterfactual == solo)
    }
}

/// Monte Carlo on a system: the same bytes for any number of threads; a path that never moves
/// gives the deterministic run's answers.
@Suite struct SystemMonteCarloTests {
    static let system = MarketSystem(
        name: "S", asOf: Fixtures.date("2025-09-30"), btcPrice: 100_000, horizonDays: 60, btcDailyVolumeUSD: 40e9,
        priceImpact: PriceImpact(dailyVolatility: 0.02), holders: [Fixtures.loanTreasury(), Fixtures.mixedTreasury()],
        leveragedLongs: [LeveragedBand(liquidationPrice: 95_000, notionalUSD: 5e9), LeveragedBand(liquidationPrice: 90_000, notionalUSD: 5e9)],
        fundFlows: FundFlows(outflowUSDPerPercentDrawdown: 100e6))

    @Test func theResultDoesNotDependOnThreads() throws {
        let spec = MonteCarloSpec(id: "mc", name: "mc", model: .gbm(drift: 0, volatility: 0.8), paths: 300, seed: 7)
        let one = try SystemMonteCarlo.run(spec, system: Self.system, jobs: 1)
        let two = try SystemMonteCarlo.run(spec, system: Self.system, jobs: 2)
        #expect(one == two)
        #expect(one.holders.count == 2)
        #expect(one.holders.allSatisfy { $0.forcedSale >= 0 && $0.forcedSale <= 1 })
        #expect(one.amplification == one.amplification.sorted())
    }

    /// With zero volatility every path is today's price held flat: nothing falls, nothing is
    /// caused, and each probability is the flat run's 0 or 1.
    @Test func aFlatPathGivesTheDeterministicAnswers() throws {
        let spec = MonteCarloSpec(id: "mc", name: "mc", model: .gbm(drift: 0, volatility: 0), paths: 50, seed: 7)
        let result = try SystemMonteCarlo.run(spec, system: Self.system, jobs: 2)
        let flat = SystemRun.run(Self.system, scenarioID: "flat", scenarioName: "flat",
                                 path: .instant(start: 100_000, shock: 0, horizonDays: 60))
        #expect(result.amplification == [1, 1, 1, 1, 1])
        for (probabilities, holder) in zip(result.holders, flat.holders) {
            #expect(probabilities.forcedSale == (holder.outcome.firstForcedSale == nil ? 0 : 1))
            #expect(probabilities.defaulted == (holder.outcome.firstDefaultDay == nil ? 0 : 1))
            #expect(probabilities.causedBySpiral == (holder.causedBySpiral.isEmpty ? 0 : 1))
        }
    }
}
