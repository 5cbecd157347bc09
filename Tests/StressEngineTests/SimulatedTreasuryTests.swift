import Foundation
import Testing
import TreasuryModel
import StressEngine
import StressResults

/// The simulator driven from outside, one day at a time, as a price-impact model or a systemic
/// run drives it.
@Suite struct SimulatedTreasuryTests {
    /// `TreasurySimulator.run` is exactly a loop of steps over the path.
    @Test(arguments: [0.0, -0.5, -0.8])
    func runIsALoopOfSteps(shock: Double) {
        let simulator = TreasurySimulator(treasury: Fixtures.mixedTreasury(), horizonDays: 365)
        let path = PricePath.instant(start: 100_000, shock: shock, horizonDays: 365)
        var state = SimulatedTreasury(simulator: simulator)
        for day in 0...365 { _ = state.step(day: day, price: path.prices[day]) }
        #expect(state.finish() == simulator.run(path: path))
    }

    /// A day's flows name who sold: the closed-markets coupon of ClosedFormTests is a treasury
    /// BTC sale of 500,000 / 99,500 BTC on day 76 and nothing on the other days.
    @Test func aStepReturnsTheDaysSalesBySeller() {
        var t = ClosedFormTests.base(cash: 0, order: [.bitcoin])
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        var state = SimulatedTreasury(simulator: TreasurySimulator(treasury: t, horizonDays: 100))
        var flows: [DayFlows] = []
        for day in 0...100 { flows.append(state.step(day: day, price: 100_000)) }
        let selling = flows.filter { $0.salesUSD > 0 }
        #expect(selling.map(\.day) == [76])
        #expect(abs((selling.first?.treasuryBitcoin.btc ?? 0) - 500_000 / 99_500) < 1e-9)
        #expect(abs((selling.first?.treasuryBitcoin.usd ?? 0) - 500_000) < 1e-6)
        #expect(selling.first?.lenderLiquidations == DayFlows.Sale())
    }

    /// A lender's liquidation is reported as the lender's sale, at the BTC it took.
    @Test func aLiquidationIsTheLendersSale() {
        // Fixtures.loanTreasury: $200M on 5,000 BTC, liquidation at 80 % LTV (P = $50,000); no
        // free cash to cure, so at $45,000 the lender sells 200M + 1 day's interest at 45,000 · 0.995.
        var t = Fixtures.loanTreasury(freeCash: 0, marginCall: .none)
        t.policy.fundingOrder = [.cash]
        var state = SimulatedTreasury(simulator: TreasurySimulator(treasury: t, horizonDays: 5))
        _ = state.step(day: 0, price: 100_000)
        let day1 = state.step(day: 1, price: 45_000)
        let owed = 200e6 + 200e6 * 0.08 / 365
        #expect(abs(day1.lenderLiquidations.btc - owed / (45_000 * 0.995)) < 1e-9)
        #expect(day1.treasuryBitcoin == DayFlows.Sale())
    }

    /// A price that answers to sales: each sale knocks 10 % off the next day's price. The outcome
    /// reports the prices the days were simulated at, not a path read back.
    @Test func theOutcomeReportsThePricesActuallyUsed() {
        struct KnockOn: BTCPriceSource {
            var price = 100_000.0
            mutating func price(onDay day: Int, after previousDay: DayFlows?) -> Double {
                if let previousDay, previousDay.salesUSD > 0 { price *= 0.9 }
                return price
            }
        }
        var t = ClosedFormTests.base(cash: 0, order: [.bitcoin])
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        let out = TreasurySimulator(treasury: t, horizonDays: 100).run(prices: KnockOn())
        // One sale on day 76: from day 77 the price is $90,000.
        #expect(out.minBTCPrice == 90_000)
        #expect(out.endBTCPrice == 90_000)
        #expect(out.series[77].btcPrice == 90_000)
        #expect(out.series[76].btcPrice == 100_000)
    }
}
