import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// The survival period (issue 9): each scenario again with capital markets closed from day 1.
@Suite struct SurvivalPeriodTests {
    /// $30M of cash, operating costs of $60M a year ($5M at each month end), funded by cash then
    /// the ATM, never by BTC. Markets open: the ATM pays from month 7 on, nothing is missed.
    /// Markets closed: the cash pays six month ends (31 Oct … 31 Mar) and the seventh, 30 Apr 2026
    /// (day 212), is missed in full: amber (under 24 months, not under 6).
    @Test func cashLastsSixMonthEndsWithMarketsClosed() throws {
        let treasury = Treasury(
            name: "Burn Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 1_000, cashUSD: 30e6),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1),
                           atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 50e6, discount: 0)),
            policy: FundingPolicy(fundingOrder: [.cash, .atm]),
            operatingCashFlowUSDPerYear: -60e6)
        let set = ScenarioSet(name: "flat", horizonDays: 365,
                              scenarios: [Scenario(id: "flat", name: "Flat", path: .instant(shock: 0))])
        let report = try StressTest.run(treasury: treasury, scenarios: set)
        let scenario = try #require(report.scenarios.first)
        #expect(scenario.firstDefaultDay == nil)
        let closed = try #require(scenario.closedMarkets)
        #expect(closed.firstDefaultDay == 212)
        #expect(closed.missed?.kind == .missedPayment && abs((closed.missed?.amountUSD ?? 0) - 5e6) < 1e-6)
        #expect(closed.btcSold == 0)
        #expect(SurvivalPeriod.band(days: closed.firstDefaultDay, horizonDays: 365) == .amber)
        #expect(SurvivalPeriod.band(days: 181, horizonDays: 730) == .red && SurvivalPeriod.band(days: nil, horizonDays: 730) == .green)
    }
}
