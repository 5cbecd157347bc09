import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct MonteCarloTests {
    @Test func philoxMatchesTheReferenceVector() {
        // Random123 known-answer test for philox4x32-10: counter and key all ones → this block.
        let out = Philox4x32.block((0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF), key: (0xFFFF_FFFF, 0xFFFF_FFFF))
        #expect(out == (0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD))
        let zero = Philox4x32.block((0, 0, 0, 0), key: (0, 0))
        #expect(zero == (0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8))
    }

    /// Every trigger is counted, however many the treasury has: 40 loans (a margin call and a
    /// liquidation each, 80 triggers) rank ahead of the forced sale and the missed payment, which
    /// a 64-bit mask per path once reported as never happening. 1,000 BTC at $100,000, 10 BTC
    /// pledged to each $100,000 loan (LTV 10 %: never called), no cash, and a $100M note repaid in cash
    /// on 2026-03-31: the 600 free BTC raise $59.7M, so on every flat path BTC is sold and the
    /// payment is missed.
    /// A walk drawn whole (`MonteCarloPath.draw(into:days:)`: a GBM's normals four at a time from
    /// each Philox block) is the walk `logReturn(onDay:)` gives day by day, to the bit, for every
    /// model and for lengths that are not a whole number of blocks; over 300 paths of 731 days
    /// the ziggurat's slow path is taken (it reads more than one word) some 1,500 times at each
    /// word of a block (2.8 % of draws).
    @Test func aWalkDrawnWholeIsTheWalkDrawnDayByDay() throws {
        // Words the stream has given: the blocks drawn before the current one, and its words used.
        func wordsRead(_ stream: PathRandomStream) -> Int { (Int(stream.blockIndex) - 1) * 4 + stream.used }
        var slowAt = [0, 0, 0, 0]
        for index in 0..<300 {
            var stream = PathRandomStream(seed: 5, path: UInt64(index))
            for _ in 1..<731 {
                let before = wordsRead(stream)
                _ = stream.normal()
                if wordsRead(stream) - before > 1 { slowAt[before % 4] += 1 }
            }
        }
        #expect(slowAt.allSatisfy { $0 > 100 }, "slow draws by word: \(slowAt)")
        let from = try #require(CalendarDate(iso: "2018-01-01")), to = try #require(CalendarDate(iso: "2024-12-31"))
        let models: [MonteCarloSpec.PriceModel] = [
            .gbm(drift: 0.1, volatility: 0.9),
            .jumpDiffusion(drift: 0, volatility: 0.5, jumpIntensityPerDay: 0.05, jumpMean: -0.05, jumpStdDev: 0.1),
            .bootstrap(blockDays: 30, from: from, to: to, demean: true),
        ]
        for spec in models {
            let model = try CompiledPriceModel(spec)
            for days in [1, 2, 5, 731] {
                for index in 0..<(days == 731 ? 300 : 20) {
                    var dayByDay = MonteCarloPath(model: model, seed: 5, index: UInt64(index), start: 1)
                    var whole = dayByDay
                    let walk = UnsafeMutablePointer<Double>.allocate(capacity: days)
                    defer { walk.deallocate() }
                    whole.draw(into: walk, days: days)
                    let expected = (0..<days).map { dayByDay.logReturn(onDay: $0) }
                    #expect((0..<days).allSatisfy { walk[$0].bitPattern == expected[$0].bitPattern }, "\(spec), \(days) days, path \(index)")
                    // The path goes on from where the walk stopped.
                    #expect(whole.logReturn(onDay: days) == dayByDay.logReturn(onDay: days))
                }
            }
        }
    }

    @Test func everyTriggerIsCountedBeyondTheSixtyFourth() throws {
        let loans = (0..<40).map { k in
            BTCLoan(id: "loan-\(k)", principal: 100_000, rate: 0, maturity: Fixtures.date("2030-01-01"), collateral: .bitcoin(10),
                    marginCallLTV: 0.65, liquidationLTV: 0.8, targetLTV: 0.5)
        }
        let treasury = Fixtures.cashNoteTreasury(name: "Many Loans Co", bitcoin: 1_000, principal: 100e6, loans: loans)
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: 365)
        #expect(simulator.possibleTriggers.count == 82)
        let spec = MonteCarloSpec(id: "flat", name: "flat", model: .gbm(drift: 0, volatility: 0), paths: 10, seed: 1)
        let result = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 2)
        let counts = Dictionary(result.triggers.map { ($0.trigger.kind, $0.count) }, uniquingKeysWith: +)
        #expect(counts[.forcedSale] == 10)
        #expect(counts[.defaultEvent] == 10)
        #expect(counts[.marginCall] == 0 && counts[.liquidation] == 0)
        #expect(result.triggers.count == 82)
    }

    @Test(.heavy) func gbmTerminalLogReturnHasItsMeanAndVariance() throws {
        let volatility = 0.683, days = 365, paths = 100_000
        let model = try CompiledPriceModel(.gbm(drift: 0, volatility: volatility))
        var sum = 0.0, sumSquares = 0.0
        for i in 0..<paths {
            var path = MonteCarloPath(model: model, seed: 7, index: UInt64(i), start: 100)
            var x = 0.0
            for _ in 1...days { x += path.nextLogReturn() }
            sum += x
            sumSquares += x * x
        }
        let n = Double(paths), t = Double(days) / 365
        let mean = sum / n, variance = sumSquares / n - mean * mean
        let expectedMean = -volatility * volatility / 2 * t, expectedVariance = volatility * volatility * t
        // Standard errors: σ√(t/n) for the mean, σ²t·√(2/n) for the variance; 3 of them.
        #expect(abs(mean - expectedMean) < 3 * (expectedVariance / n).squareRoot())
        #expect(abs(variance - expectedVariance) < 3 * expectedVariance * (2 / n).squareRoot())
    }

    @Test func jumpCountsMatchTheIntensity() throws {
        // No diffusion, every jump exactly −1 %: a day's log return is drift − 0.01 · jumps.
        let lambda = 0.05, jump = -0.01, days = 400_000
        let model = try CompiledPriceModel(.jumpDiffusion(drift: 0, volatility: 0, jumpIntensityPerDay: lambda,
                                                          jumpMean: jump, jumpStdDev: 0))
        var path = MonteCarloPath(model: model, seed: 3, index: 0, start: 100)
        var jumps = 0
        for _ in 0..<days {
            let count = ((path.nextLogReturn() - model.logDrift) / jump).rounded()
            jumps += Int(count)
        }
        let mean = Double(jumps) / Double(days)
        #expect(abs(mean - lambda) < 3 * (lambda / Double(days)).squareRoot())
    }

    @Test func bootstrapDrawsOnlyHistoricalReturns() throws {
        let from = CalendarDate(iso: "2022-01-01")!, to = CalendarDate(iso: "2022-12-31")!
        let model = try CompiledPriceModel(.bootstrap(blockDays: 10, from: from, to: to, demean: false))
        let closes = Array(BTCHistory.embedded.closes(from: from, through: to)!)
        let history = Set(zip(closes, closes.dropFirst()).map { log($1 / $0) })
        #expect(model.returns.count == 364)
        for index in 0..<200 {
            var path = MonteCarloPath(model: model, seed: 11, index: UInt64(index), start: 100)
            for _ in 0..<100 { #expect(history.contains(path.nextLogReturn())) }
        }
    }

    /// P(min over [0, T] of ln(P/P₀) ≤ b) for Brownian motion with drift ν and volatility σ.
    static func firstPassage(b: Double, nu: Double, sigma: Double, t: Double) -> Double {
        func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }
        return phi((b - nu * t) / (sigma * t.squareRoot())) + exp(2 * nu * b / (sigma * sigma)) * phi((b + nu * t) / (sigma * t.squareRoot()))
    }

    @Test(.heavy) func liquidationProbabilityMatchesTheFirstPassageClosedForm() throws {
        // A loan liquidated only at LTV 80 % (no margin call response, no cure deadline): the
        // barrier is P = 200e6 / (5000 · 0.8) = 50,000, half today's price.
        var treasury = Fixtures.loanTreasury(marginCall: .none)
        treasury.loans[0].cureDays = 100_000
        treasury.loans[0].marginCallLTV = 0.79
        treasury.loans[0].targetLTV = 0.5
        treasury.holdings.cashUSD = 1e9  // interest never forces a sale
        let sigma = 0.683, days = 365, paths = 40_000
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: days)
        let spec = MonteCarloSpec(id: "fp", name: "fp", model: .gbm(drift: 0, volatility: sigma), paths: paths, seed: 2024)
        let result = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 2)
        let row = try #require(result.triggers.first { $0.trigger == Trigger(kind: .liquidation, ref: "loan-a") })
        // Broadie–Glasserman: daily monitoring ≈ continuous monitoring of a barrier moved out by
        // 0.5826·σ·√Δt.
        let b = log(0.5) - 0.5826 * sigma * (1.0 / 365).squareRoot()
        let expected = Self.firstPassage(b: b, nu: -sigma * sigma / 2, sigma: sigma, t: Double(days) / 365)
        let interval = row.interval
        #expect(interval.low <= expected && expected <= interval.high,
                "MC \(row.probability) [\(interval.low), \(interval.high)] vs closed form \(expected)")
    }

    @Test func zeroVolatilityIsExactlyTheFlatScenario() throws {
        let simulator = TreasurySimulator(treasury: Fixtures.mixedTreasury(), horizonDays: 730)
        let model = try CompiledPriceModel(.gbm(drift: 0, volatility: 0))
        let random = simulator.run(prices: MonteCarloPath(model: model, seed: 1, index: 5, start: 100_000))
        let flat = simulator.run(path: .instant(start: 100_000, shock: 0, horizonDays: 730))
        #expect(random == flat)
        let spec = MonteCarloSpec(id: "flat", name: "flat", model: .gbm(drift: 0, volatility: 0), paths: 64, seed: 9)
        let result = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 2)
        for row in result.triggers { #expect(row.count == (flat.triggerDays[row.trigger] == nil ? 0 : 64)) }
        let sold = try #require(result.quantiles.first { $0.metric == "btcSold" })
        #expect(sold.values.allSatisfy { $0 == flat.btcSold })
    }

    /// 700 paths are three work units of 256: one per thread at three jobs, all on one at one.
    @Test func resultsDoNotDependOnTheNumberOfJobs() throws {
        let simulator = TreasurySimulator(treasury: Fixtures.mixedTreasury(), horizonDays: 120)
        let spec = MonteCarloSpec(id: "j", name: "j", model: .jumpDiffusion(drift: 0, volatility: 0.5, jumpIntensityPerDay: 0.05,
                                                                             jumpMean: -0.05, jumpStdDev: 0.1),
                                  paths: 700, seed: 77)
        let one = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 1)
        let three = try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 3)
        #expect(one == three)
        // An absurd --jobs is capped at the cores (it once cost 1.2 GB), with the same result.
        #expect(one == (try MonteCarloSimulation.run(spec, simulator: simulator, jobs: 10_000)))
    }

    @Test func wilsonIntervalOfAKnownCase() {
        // 0 of 10,000: [0, 3.84 / 10,003.84] ≈ [0, 0.000384].
        let none = TriggerProbability(trigger: Trigger(kind: .defaultEvent), count: 0, paths: 10_000).interval
        #expect(none.low == 0 && abs(none.high - 0.000_383_8) < 1e-6)
        let half = TriggerProbability(trigger: Trigger(kind: .defaultEvent), count: 5_000, paths: 10_000).interval
        #expect(abs(half.low - 0.490_2) < 1e-4 && abs(half.high - 0.509_8) < 1e-4)
    }
}

/// The fan histograms take whatever a path produces.
@Suite struct FanHistogramTests {
    /// An infinite or astronomically large LTV (a loan whose collateral is gone) counts in the last
    /// bin instead of trapping; NaN and negative values count in the first.
    @Test func extremeValuesLandInTheEndBins() {
        let histogram = FanHistogram(scale: .linear(low: 0, high: 2), bins: 4, days: 1)
        for value in [Double.infinity, 1e300, 9.3e18, 1.9999] { histogram.add(day: 0, value) }
        for value in [-Double.infinity, -1, Double.nan, 0] { histogram.add(day: 0, value) }
        #expect(histogram.countArray == [4, 0, 0, 4])
    }

    /// A path's fan values counted at its end (`FanObserver.countPath`, which bins a held or LTV
    /// value only when it differs from the day before's) land where counting each alone puts
    /// them: BTC held flat, then sold down (0.5 BTC a fan day), then flat; LTVs rising, repeated,
    /// NaN twice, infinite.
    @Test func aPathsFanValuesLandWhereEachAloneWould() {
        let simulator = TreasurySimulator(treasury: Fixtures.loanTreasury(), horizonDays: 730)
        var observer = MonteCarloSimulation.newObserver(simulator)
        let fresh = MonteCarloSimulation.newObserver(simulator)
        let fanDays = MonteCarloSimulation.fanDays(horizonDays: 730)
        for (s, day) in fanDays.enumerated() {
            let held = s < 20 ? 5_000 : max(4_000, 5_000 - 0.5 * Double(s - 19) * 100)
            let ltv: Double = s < 10 ? 0.4 + 0.01 * Double(s) : s < 12 ? .nan : s < 30 ? 0.55 : s < 40 ? .infinity : 0.3
            let price = 100_000 * (1 + 0.001 * Double(s))
            observer.observe(day: day, btcPrice: price, btcHeld: held, maxLTV: ltv)
            fresh.price.add(day: s, price)
            fresh.held.add(day: s, held)
            fresh.ltv.add(day: s, ltv)
        }
        observer.countPath()
        func misplaced(_ a: FanHistogram, _ b: FanHistogram) -> Int { zip(a.countArray, b.countArray).filter { $0 != $1 }.count }
        #expect(misplaced(observer.held, fresh.held) == 0)
        #expect(misplaced(observer.ltv, fresh.ltv) == 0)
        #expect(misplaced(observer.price, fresh.price) == 0)
        // Every fan day counted once in each.
        #expect(observer.held.countArray.reduce(0, +) == UInt32(fanDays.count))
    }
}
