import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Obligations due the same day are paid most senior first; fund shares sell at the fund's price
/// (DESIGN §7, issue 9).
@Suite struct PaymentOrderTests {
    /// $100M of free cash; a $100M note (rank 2) maturing on 2025-12-31, the day a $400M 10 %
    /// quarterly preferred (rank 3) pays its $10M dividend. Most senior first: the note is repaid
    /// in full from the $100M, and the dividend, with nothing left, is deferred (cumulative).
    @Test func aNotesPrincipalIsPaidBeforeAJuniorDividendTheSameDay() throws {
        let treasury = Treasury(
            name: "Same day", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 1_000, cashUSD: 100e6),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0, couponsPerYear: 2,
                                               maturity: Fixtures.date("2025-12-31"), conversionPrice: 1e6, seniority: 2)],
            preferreds: [PreferredStock(id: "P", notional: 400e6, rate: 0.10, paymentsPerYear: 4, cumulative: true, seniority: 3)],
            policy: FundingPolicy(fundingOrder: [.cash], btcSaleSlippage: 0))
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 100)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 100))
        let day = Fixtures.date("2025-09-30").days(until: Fixtures.date("2025-12-31"))
        let today = outcome.events.filter { $0.day == day }
        #expect(today.first?.kind == .maturity && today.first?.amountUSD == 100e6)
        #expect(today.contains { $0.kind == .dividendDeferred && abs($0.amountUSD - 10e6) < 1e-6 })
        #expect(outcome.firstDefaultDay == nil)
        #expect(outcome.unpaidUSD == 0)
    }

    /// A $1M coupon paid by selling IBIT shares worth 0.000568 BTC × $100,000 = $56.80 each: at the
    /// fund's price less its 1 % sale cost (not BTC's 5 % slippage), 1e6 / (56.80 · 0.99) = 17,783.3 shares.
    @Test func fundSharesSellAtTheFundsPriceLessItsOwnCost() throws {
        let treasury = Treasury(
            name: "Fund", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 0, fundStakes: [FundStake(id: "ibit", ticker: "IBIT", shares: 1e6, btcPerShare: 0.000568,
                                                                      expenseRatio: 0, saleCost: 0.01)]),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: 200e6, coupon: 0.01, couponsPerYear: 2,
                                               maturity: Fixtures.date("2030-03-31"), conversionPrice: 1e6)],
            policy: FundingPolicy(fundingOrder: [.fundStakes], btcSaleSlippage: 0.05))
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 185)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 185))
        #expect(abs(outcome.fundSharesSold - 1e6 / (56.8 * 0.99)) < 1e-6)
        #expect(outcome.unpaidUSD == 0)
    }
}
