import Foundation
import Testing
import StressResults
import TreasuryModel
@testable import StressEngine

/// The treasury's own price impact (DESIGN §6.1), with numbers checked by hand.
@Suite struct PriceImpactTests {
    /// 10,000 BTC at $100,000, no cash: a $100M note repaid in cash on day 10 sells BTC.
    /// V = $40B, Y = 1, σ_d = 2 %, φ = 0.25, half-life 2 days, no slippage.
    static func seller(impact: PriceImpact?, principal: Double = 100e6) -> Treasury {
        Treasury(
            name: "Seller Co", asOf: Fixtures.date("2025-09-30"),
            market: MarketConditions(btcPrice: 100_000, btcDailyVolumeUSD: 40e9, priceImpact: impact),
            holdings: Holdings(bitcoinUnits: 10_000, cashUSD: 0),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 100, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: principal, coupon: 0, maturity: Fixtures.date("2025-10-10"),
                                               conversionPrice: 1e9, election: .cash)],
            policy: FundingPolicy(fundingOrder: [.cash, .bitcoin], minCashUSD: 0, btcSaleSlippage: 0))
    }

    static let impact = PriceImpact(coefficient: 1, dailyVolatility: 0.02, permanentFraction: 0.25, halfLifeDays: 2,
                                    maxParticipation: 0.1)

    func run(_ treasury: Treasury, days: Int = 20) -> ScenarioOutcome {
        TreasurySimulator(treasury: treasury, horizonDays: days)
            .run(path: PricePath(prices: Array(repeating: 100_000, count: days + 1)))
    }

    /// The fill solves Q·(1 − ⅔·Y·σ_d·√(Q/V)) = $100M for the market value Q sold; the next
    /// day's price is 100,000 · exp(−I·(φ + (1 − φ)·2^(−1/h))), the day after with 2^(−2/h).
    @Test func oneSaleMovesTheNextDaysPriceByTheSquareRootLaw() throws {
        let outcome = run(Self.seller(impact: Self.impact))
        let sale = try #require(outcome.events.first { $0.kind == .forcedSale })
        #expect(sale.day == 10)
        let q = sale.btc * 100_000
        let impact = 0.02 * (q / 40e9).squareRoot()
        // I ≈ 0.02·√(1e8/4e10) = 0.1 %, so Q ≈ $100M / (1 − ⅔·0.1 %) = $100.067M: 1,000.67 BTC, not 1,000.
        #expect(abs(q * (1 - 2.0 / 3.0 * impact) - 100e6) < 1e-3)
        #expect(abs(sale.btc - 1_000.67) < 0.01, "\(sale.btc)")
        #expect(abs(sale.amountUSD - 100e6) < 1e-3)
        let series = outcome.series
        #expect(series[10].btcPrice == 100_000)
        let day11 = 100_000 * exp(-impact * (0.25 + 0.75 * pow(2, -1.0 / 2)))
        let day12 = 100_000 * exp(-impact * (0.25 + 0.75 * pow(2, -2.0 / 2)))
        #expect(abs(series[11].btcPrice - day11) < 1e-6, "\(series[11].btcPrice) vs \(day11)")
        #expect(abs(series[12].btcPrice - day12) < 1e-6)
        // The permanent quarter stays: 100,000 · exp(−φ·I) in the long run.
        #expect(abs(series[20].btcPrice - 100_000 * exp(-impact * (0.25 + 0.75 * pow(2, -10.0 / 2)))) < 1e-6)
        #expect(outcome.minBTCPrice < 100_000)
    }

    /// With the impact model but no sale the price is exactly the exogenous path; without the
    /// model the outcome is what it always was.
    @Test func noSaleNoMove() {
        var rich = Self.seller(impact: Self.impact)
        rich.holdings.cashUSD = 1e9
        var withModel = run(rich)
        rich.market.priceImpact = nil
        let without = run(rich)
        // The series says what the price was before impact: the same.
        #expect(withModel.series.allSatisfy { $0.btcPrice == 100_000 && $0.exogenousBTCPrice == 100_000 })
        #expect(without.series.allSatisfy { $0.exogenousBTCPrice == nil })
        withModel.series = withModel.series.map { var state = $0; state.exogenousBTCPrice = nil; return state }
        #expect(withModel == without)
    }

    /// A sale beyond the participation cap is not raised that day: at 1 % of $40B, $400M of
    /// BTC (4,000 BTC) leaves; the rest of a $1B repayment is missed.
    @Test func theParticipationCapLimitsADaysSales() throws {
        var impact = Self.impact
        impact.maxParticipation = 0.01
        let outcome = run(Self.seller(impact: impact, principal: 1e9))
        let sale = try #require(outcome.events.first { $0.kind == .forcedSale })
        #expect(abs(sale.btc - 4_000) < 1e-9)
        let proceeds = 400e6 * (1 - 2.0 / 3.0 * 0.02 * (400e6 / 40e9).squareRoot())
        #expect(abs(sale.amountUSD - proceeds) < 1e-3)
        #expect(outcome.firstDefaultDay == 10)
        #expect(abs(outcome.unpaidUSD - (1e9 - proceeds)) < 1e-3)
    }

    /// A lender liquidating BTC collateral fills on the same curve as the treasury's own sales
    /// (DESIGN §6.1), and is not held to the treasury's participation cap: a $600M loan on all
    /// 10,000 BTC at $100,000 (LTV 60 %, liquidation at 58 %) sells Q at market with
    /// Q·(1 − ⅔·0.02·√(Q / $40B)) = $600M, about $600.98M (6,009.8 BTC, not 6,000), on day 0, though
    /// the cap (1 % of $40B) is $400M. Without impact: exactly 6,000 BTC.
    @Test func aLendersLiquidationFillsOnTheImpactCurve() throws {
        var impact = Self.impact
        impact.maxParticipation = 0.01
        var borrower = Self.seller(impact: impact)
        borrower.convertibleNotes = []
        borrower.loans = [BTCLoan(id: "L", principal: 600e6, rate: 0, maturity: Fixtures.date("2030-01-01"),
                                  collateral: .bitcoin(10_000), marginCallLTV: 0.5, liquidationLTV: 0.58, targetLTV: 0.4)]
        let outcome = run(borrower)
        let liquidation = try #require(outcome.events.first { $0.kind == .liquidation })
        #expect(liquidation.day == 0)
        let q = outcome.btcSoldByLenders * 100_000
        #expect(abs(q * (1 - 2.0 / 3.0 * 0.02 * (q / 40e9).squareRoot()) - 600e6) < 1e-3)
        #expect(abs(outcome.btcSoldByLenders - 6_009.8) < 0.1, "\(outcome.btcSoldByLenders)")
        #expect(abs(liquidation.amountUSD - 600e6) < 1e-3)
        borrower.market.priceImpact = nil
        #expect(run(borrower).btcSoldByLenders == 6_000)
    }

    /// A volume shock deepens the impact: a tenth of the volume on the sale day is √10 × the
    /// impact of the same sale.
    @Test func aVolumeShockDeepensTheImpact() throws {
        let simulator = TreasurySimulator(treasury: Self.seller(impact: Self.impact), horizonDays: 20)
        var conditions = ScenarioConditions()
        conditions.volumeShock = -0.9
        conditions.volumeShockDays = 10...10
        let path = PricePath(prices: Array(repeating: 100_000, count: 21))
        let calm = simulator.run(path: path)
        let shocked = simulator.run(path: path, conditions: conditions)
        let soldCalm = try #require(calm.events.first { $0.kind == .forcedSale }).btc
        let soldShocked = try #require(shocked.events.first { $0.kind == .forcedSale }).btc
        #expect(soldShocked > soldCalm)
        let impact = 0.02 * (soldShocked * 100_000 / 4e9).squareRoot()
        #expect(abs(shocked.series[11].btcPrice - 100_000 * exp(-impact * (0.25 + 0.75 * pow(2, -0.5)))) < 1e-6)
    }

    /// A larger coefficient never sells less BTC nor leaves a higher realised low.
    @Test func moreImpactNeverSellsLessNorLowsHigher() {
        var sold: [Double] = [], lows: [Double] = []
        for coefficient in [0.25, 0.5, 1, 2, 4] {
            var treasury = Fixtures.mixedTreasury()
            treasury.market.priceImpact = PriceImpact(coefficient: coefficient)
            let path = PricePath.instant(start: 100_000, shock: -0.7, horizonDays: 365)
            let outcome = TreasurySimulator(treasury: treasury, horizonDays: 365).run(path: path)
            sold.append(outcome.btcSold)
            lows.append(outcome.minBTCPrice)
        }
        #expect(sold.first.map { $0 > 0 } == true)
        #expect(zip(sold, sold.dropFirst()).allSatisfy { $0 <= $1 }, "\(sold)")
        #expect(zip(lows, lows.dropFirst()).allSatisfy { $0 >= $1 }, "\(lows)")
    }
}
