import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct FundingWaterfallTests {
    /// A company owing one $10M coupon on 2026-03-31 with cash $3M (min $1M), reserve $4M for
    /// interest, an ATM, and BTC.
    func treasury(order: [FundingSource], reserveUses: Set<ObligationKind.Use> = [.interest], atmOpen: Bool = true) -> Treasury {
        Treasury(
            name: "W", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 1_000, cashUSD: 3e6, reserve: CashReserve(usd: 4e6, uses: reserveUses)),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1),
                           atm: ATMProgram(capacityUSD: atmOpen ? 2e6 : 0, minMNAV: 0, maxDailyUSD: 1e9, discount: 0.0)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: 2e9, coupon: 0.01, couponsPerYear: 2,
                                               maturity: Fixtures.date("2030-03-31"), conversionPrice: 1e6)],
            policy: FundingPolicy(fundingOrder: order, minCashUSD: 1e6, btcSaleSlippage: 0))
    }

    func couponFunding(_ treasury: Treasury) -> ScenarioOutcome {
        TreasurySimulator(treasury: treasury, horizonDays: 185).run(path: .instant(start: 100_000, shock: 0, horizonDays: 185))
    }

    @Test func sourcesAreUsedInPolicyOrder() {
        // $10M = cash 2 (above the 1 minimum) + reserve 4 + ATM 2 + BTC 2 (20 BTC at 100,000).
        let outcome = couponFunding(treasury(order: [.cash, .reserve, .atm, .bitcoin]))
        #expect(abs(outcome.btcSoldByTreasury - 20) < 1e-9)
        #expect(abs(outcome.ledger.atmProceeds - 2e6) < 1e-6)
        #expect(outcome.liquidityEnd == 1e6)
        let coupon = outcome.events.first { $0.kind == .couponPaid }
        let funding = coupon?.detail.funding
        #expect(funding?.fromCash == 2e6)
        #expect(funding?.fromReserve == 4e6)
        #expect(abs((funding?.fromATM ?? 0) - 2e6) < 1e-6)
        #expect(abs((funding?.fromBTC ?? 0) - 2e6) < 1e-6)
        #expect(abs((funding?.btcSold ?? 0) - 20) < 1e-9)
    }

    @Test func bitcoinFirstSellsBeforeTouchingCash() {
        let outcome = couponFunding(treasury(order: [.bitcoin, .cash]))
        #expect(abs(outcome.btcSoldByTreasury - 100) < 1e-9)
        #expect(outcome.liquidityEnd == 7e6)
    }

    @Test func reserveOnlyPaysItsUses() {
        // A reserve for dividends only cannot pay a coupon: BTC covers 10 − 2 − 2 = 6.
        let outcome = couponFunding(treasury(order: [.cash, .reserve, .atm, .bitcoin], reserveUses: [.dividends]))
        #expect(abs(outcome.btcSoldByTreasury - 60) < 1e-9)
    }

    @Test func whatNoSourceCoversIsAMissedPayment() {
        let outcome = couponFunding(treasury(order: [.cash, .reserve], atmOpen: false))
        #expect(!outcome.survived)
        #expect(outcome.firstDefaultDay == 182)
        #expect(abs(outcome.unpaidUSD - 4e6) < 1e-6)
    }
}
