import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Behaviours that only golden files covered before, each on a small treasury whose numbers a
/// person can check by hand. As-of 2025-09-30, BTC at $100,000 unless a test says otherwise.
@Suite struct ClosedFormTests {
    static let asOf = Fixtures.date("2025-09-30")

    /// 10,000 BTC ($1B NAV), $300M cash, 10M shares at $100 with beta 1 (S = 100 · P/100,000).
    static func base(cash: Double = 300e6, order: [FundingSource] = [.cash, .atm, .bitcoin],
                     atm: ATMProgram? = nil, authorizedShares: Double = 1e9, prefundDays: Int = 0) -> Treasury {
        Treasury(
            name: "Hand Co", asOf: asOf, market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 10_000, cashUSD: cash),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 100, authorizedShares: authorizedShares,
                           model: .beta(1), atm: atm),
            policy: FundingPolicy(fundingOrder: order, minCashUSD: 0, prefundDays: prefundDays))
    }

    static func loan(principal: Double = 200e6, rate: Double = 0.08, floating: Bool = false, crossDefault: Bool = true,
                     collateral: Collateral = .bitcoin(5_000)) -> BTCLoan {
        // Thresholds far away, so only what the test provokes happens.
        BTCLoan(id: "loan-a", principal: principal, rate: rate, floating: floating, maturity: Fixtures.date("2028-09-30"),
                collateral: collateral, marginCallLTV: 0.9, liquidationLTV: 0.95, cureDays: 2, targetLTV: 0.5,
                crossDefault: crossDefault)
    }

    static func run(_ t: Treasury, shock: Double = 0, days: Int = 365, conditions: ScenarioConditions = .calm) -> ScenarioOutcome {
        TreasurySimulator(treasury: t, horizonDays: days)
            .run(path: .instant(start: 100_000, shock: shock, horizonDays: days), conditions: conditions)
    }

    // MARK: - Covenants, acceleration, cross-default

    @Test func aBreachedLeverageCovenantAcceleratesTheLoan() {
        // Leverage = 200M / NAV; max 0.3 breaches below NAV 666.7M, i.e. below $66,667. At −40 %
        // ($60,000) it is 200M / 600M = 0.3333 on day 1, and the loan is repaid from cash with one
        // day's interest: 200M + 200M · 0.08 / 365 = 200,043,835.62.
        var t = Self.base()
        t.loans = [Self.loan()]
        t.covenants = [Covenant(id: "lev", metric: .leverage, maximum: 0.3, consequence: .accelerate, accelerates: ["loan-a"])]
        let out = Self.run(t, shock: -0.4)
        let breach = out.events.first { $0.kind == .covenantBreach }
        #expect(breach?.day == 1)
        guard case .covenantBreach(.leverage, let value, .maximum(0.3))? = breach?.detail else {
            Issue.record("no leverage breach: \(String(describing: breach))")
            return
        }
        #expect(abs(value - 1.0 / 3.0) < 1e-12)
        let repaid = out.events.first { $0.kind == .loanRepaid }
        #expect(repaid?.day == 1)
        #expect(abs((repaid?.amountUSD ?? 0) - (200e6 + 200e6 * 0.08 / 365)) < 1e-3)
        #expect(out.events.contains { $0.kind == .acceleration && $0.detail == .accelerated(cause: .covenant("lev"), funding: nil) })
        #expect(out.survived)
        // The same shock without the covenant repays nothing early.
        t.covenants = []
        #expect(!Self.run(t, shock: -0.4).events.contains { $0.kind == .loanRepaid })
    }

    @Test func aMissedCouponCrossDefaultsTheLoan() {
        // No cash, cash is the only source: the note's first coupon (1 % on 100M, twice a year:
        // $500,000 on 2025-12-15, day 76) is missed, and the loan (crossDefault; interest-free so
        // that it has nothing of its own to miss first) is accelerated.
        var t = Self.base(cash: 0, order: [.cash])
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        t.loans = [Self.loan(rate: 0)]
        let out = Self.run(t)
        #expect(out.firstDefaultDay == 76)
        let missed = out.events.filter { $0.kind == .missedPayment }
        #expect(missed.first?.ref == "cb")
        #expect(missed.first?.amountUSD == 500_000)
        #expect(missed.first?.detail == .missed(.coupon))
        #expect(out.events.contains { $0.kind == .crossDefault && $0.ref == "loan-a" && $0.detail == .crossDefault(from: "cb") })
        #expect(missed.contains { $0.ref == "loan-a" && $0.detail == .missed(.acceleratedLoan) })
        // Without cross-default the loan stays outstanding.
        t.loans = [Self.loan(rate: 0, crossDefault: false)]
        #expect(!Self.run(t).events.contains { $0.kind == .crossDefault })
    }

    // MARK: - Preferred dividends

    @Test func unfundedDividendsAreDeferredOrSkippedNeverDefaulted() {
        // Cumulative 100M at 10 % quarterly: $2.5M at each of 4 quarter ends in a year, all deferred;
        // each deferral records the arrears so far, ending at $10M (not compounded). Non-cumulative
        // 60M at 12 % monthly: twelve $600k dividends skipped.
        var t = Self.base(cash: 0, order: [.cash])
        t.preferreds = [
            PreferredStock(id: "cum", notional: 100e6, rate: 0.10, paymentsPerYear: 4, cumulative: true),
            PreferredStock(id: "noncum", notional: 60e6, rate: 0.12, paymentsPerYear: 12, cumulative: false),
        ]
        let out = Self.run(t, days: 365)
        #expect(out.survived)
        #expect(out.deferredDividendsUSD == 10e6)
        #expect(out.events.filter { $0.kind == .dividendDeferred }.map(\.amountUSD) == [2.5e6, 5e6, 7.5e6, 10e6])
        let skipped = out.events.filter { $0.kind == .dividendSkipped }
        #expect(skipped.count == 12)
        #expect(skipped.allSatisfy { abs($0.amountUSD - 600_000) < 1e-6 })
    }

    // MARK: - Scenario conditions

    @Test func closedMarketsTurnAnATMPaymentIntoABTCSale() {
        // A $500,000 coupon on day 76, funded ATM first. Open markets: the ATM pays it. Markets shut
        // on days 1–100: BTC is sold instead, 500,000 / (100,000 · 0.995) = 5.025126 BTC.
        var t = Self.base(cash: 0, order: [.atm, .bitcoin], atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 1e9, discount: 0))
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        let open = Self.run(t, days: 100)
        #expect(open.btcSoldByTreasury == 0)
        #expect(open.ledger.atmProceeds == 500_000)
        let shut = Self.run(t, days: 100, conditions: ScenarioConditions(marketsClosed: 1...100))
        #expect(shut.ledger.atmProceeds == 0)
        #expect(abs(shut.btcSoldByTreasury - 500_000 / (100_000 * 0.995)) < 1e-9)
        #expect(shut.firstForcedSale?.day == 76)
    }

    @Test func aRateShiftRaisesOnlyFloatingInterest() {
        // Interest accrues daily on 100M and is paid monthly in arrears on the maturity's day of the
        // month (the 30th): the first payment, on 2025-10-30 (day 30), is 30 days' interest.
        // Fixed 5 %: 410,958.90. Floating 5 % + 3 %: 657,534.25.
        func firstInterest(floating: Bool) -> SimulationEvent? {
            var t = Self.base()
            t.loans = [Self.loan(principal: 100e6, rate: 0.05, floating: floating)]
            let out = Self.run(t, days: 40, conditions: ScenarioConditions(rateShift: 0.03))
            return out.events.first { $0.kind == .interestPaid }
        }
        #expect(firstInterest(floating: false)?.day == 30)
        #expect(abs((firstInterest(floating: false)?.amountUSD ?? 0) - 100e6 * 0.05 * 30 / 365) < 1e-3)
        #expect(abs((firstInterest(floating: true)?.amountUSD ?? 0) - 100e6 * 0.08 * 30 / 365) < 1e-3)
    }

    @Test func aFundDiscountLowersTheCollateralValueOfFundShares() {
        // A loan of 50M on 1M IBIT shares at 0.000568 BTC each (568 BTC, $56.8M at day 0: LTV 0.8803).
        // With a 10 % fund discount from day 1 the shares are worth b₁ · P · 0.9 each, b₁ = b₀ · 0.9975^(1/365).
        var t = Self.base()
        t.holdings.fundStakes = [FundStake(id: "ibit", ticker: "IBIT", shares: 1e6, btcPerShare: 0.000568, expenseRatio: 0.0025)]
        var loan = Self.loan(principal: 50e6, collateral: .fundShares(stakeID: "ibit", shares: 1e6))
        loan.marginCallLTV = 0.99
        loan.liquidationLTV = 0.995
        t.loans = [loan]
        let out = Self.run(t, days: 2, conditions: ScenarioConditions(fundDiscount: 0.1))
        let b1 = 0.000568 * pow(0.9975, 1.0 / 365)
        #expect(abs(out.series[0].maxLTV - 50e6 / (1e6 * 0.000568 * 100_000)) < 1e-12)
        #expect(abs(out.series[1].maxLTV - 50e6 / (1e6 * b1 * 100_000 * 0.9)) < 1e-12)
    }

    // MARK: - Coverage, prefunding, stock repayment, authorised shares

    @Test func coverageBySeniorityCountsClaimsAheadAndLevel() {
        // NAV 1B. Loan 200M (rank 1): 5.0×. Note 300M (rank 2): 1B / 500M = 2.0×.
        // Preferred 100M (rank 3): 1B / 600M = 1.667×.
        var t = Self.base()
        t.loans = [Self.loan()]
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 300e6, coupon: 0, maturity: Fixtures.date("2030-06-15"),
                                              conversionPrice: 1_000)]
        t.preferreds = [PreferredStock(id: "pf", notional: 100e6, rate: 0.1)]
        let out = Self.run(t, days: 10)
        let order = t.instrumentOrder
        #expect(abs(out.coverageStart[order.index(.convertibleNote(0))] - 2.0) < 1e-12)
        #expect(abs(out.coverageStart[order.index(.btcLoan(0))] - 5.0) < 1e-12)
        #expect(abs(out.coverageStart[order.index(.preferred(0))] - 1e9 / 600e6) < 1e-12)
        // Instrument order: notes, loans, preferreds.
        #expect(order.indices.map(order.slot) == [.convertibleNote(0), .btcLoan(0), .preferred(0)])
        #expect(t.instrumentIndex(id: "pf") == InstrumentIndex(2))
    }

    @Test func prefundingRaisesTheCouponBeforeItFallsDue() {
        // With a 10-day window the ATM raises the $500,000 coupon over days 66–75; on day 76 it is
        // paid entirely from prefunded cash, and no cash of the company's own is touched.
        var t = Self.base(cash: 50e6, order: [.cash, .atm], atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 1e9, discount: 0),
                          prefundDays: 10)
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        let out = Self.run(t, days: 80)
        let coupon = out.events.first { $0.kind == .couponPaid }
        #expect(coupon?.day == 76)
        #expect(abs((coupon?.detail.funding?.fromPrefunded ?? 0) - 500_000) < 1e-6)
        #expect(coupon?.detail.funding?.fromCash == 0)
        #expect(abs(out.ledger.atmProceeds - 500_000) < 1e-6)
        #expect(abs(out.liquidityEnd - 50e6) < 1e-6)
    }

    @Test func fundBTCFollowsTheSharesSold() {
        // 10,000 BTC held directly and 2M fund shares at 0.001 BTC each (2,000 BTC, no fees).
        var t = Self.base()
        t.holdings.fundStakes = [FundStake(id: "ibit", ticker: "IBIT", shares: 2e6, btcPerShare: 0.001, expenseRatio: 0)]
        #expect(Self.run(t, days: 5).btcHeldEnd == 12_000)
        // A 50M loan on 1M of the shares ($100M, LTV 0.5); BTC −60 % on day 1 makes it 1.25, past
        // liquidation: the lender sells all 1M pledged shares ($40M), the company keeps 1,000 BTC of fund.
        var loanTreasury = t
        loanTreasury.loans = [Self.loan(principal: 50e6, collateral: .fundShares(stakeID: "ibit", shares: 1e6))]
        let liquidated = Self.run(loanTreasury, shock: -0.6, days: 5)
        #expect(liquidated.events.contains { $0.kind == .liquidation })
        #expect(abs(liquidated.btcHeldEnd - 11_000) < 1e-9)
        // Paying the $500,000 coupon of day 76 by selling fund shares at $100 each: 5,000 shares, 5 BTC.
        var selling = t
        selling.holdings.cashUSD = 0
        selling.policy.fundingOrder = [.fundStakes]
        selling.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                                    maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        #expect(abs(Self.run(selling, days: 80).btcHeldEnd - 11_995) < 1e-9)
    }

    @Test func prefundingFollowsANotionalThePathHasChanged() {
        // The $500,000 coupon of day 76 ramps over days 66–75: on day 70 (due in 6) half of it is
        // held. If the path doubles the principal, day 71 (due in 5) holds 6/10 of the new
        // $1,000,000 coupon, not of the as-of one ($300,000); likewise a preferred's arrears.
        var t = Self.base(cash: 50e6, order: [.cash, .atm], atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 1e9, discount: 0),
                          prefundDays: 10)
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                                              maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000)]
        let simulator = TreasurySimulator(treasury: t, horizonDays: 80)
        var treasury = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        for day in 0...70 { _ = treasury.step(day: day, price: 100_000) }
        #expect(abs(treasury.prefunded - 250_000) < 1e-6)
        treasury.setNotePrincipal(0, 200e6)
        _ = treasury.step(day: 71, price: 100_000)
        #expect(abs(treasury.prefunded - 600_000) < 1e-6)

        // A monthly preferred ($1M a month on 120M at 10 %) first due 2025-10-31 (day 31): with $1M
        // of arrears from the path, day 26 (due in 5) holds 6/10 of $2M.
        t.convertibleNotes = []
        t.preferreds = [PreferredStock(id: "pf", notional: 120e6, rate: 0.1, paymentsPerYear: 12)]
        var withArrears = SimulatedTreasury(simulator: TreasurySimulator(treasury: t, horizonDays: 40),
                                            recordEvents: false, recordSeries: false)
        for day in 0...25 { _ = withArrears.step(day: day, price: 100_000) }
        #expect(abs(withArrears.prefunded - 500_000) < 1e-6)
        withArrears.setPrefArrears(0, 1e6)
        _ = withArrears.step(day: 26, price: 100_000)
        #expect(abs(withArrears.prefunded - 1_200_000) < 1e-6)
    }

    @Test func prefundingKeepsTheAsOfTargetWhileTheWindowsInstrumentsAreUnchanged() {
        // "cb" pays its $500,000 coupon on day 76 (2025-12-15), "cb2" ($50M at 1 %, maturing
        // 2030-03-15) its $250,000 on day 166 (2026-03-15). Doubling cb2 on day 70 leaves day 71's
        // window (cb alone) at the as-of target, 6/10 of $500,000, read from the sum made once;
        // day 160 (cb2 due in 6) holds 5/10 of cb2's new $500,000, summed on the day.
        var t = Self.base(cash: 50e6, order: [.cash, .atm], atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 1e9, discount: 0),
                          prefundDays: 10)
        t.convertibleNotes = [
            ConvertibleNote(id: "cb", principal: 100e6, coupon: 0.01, couponsPerYear: 2,
                            maturity: Fixtures.date("2030-06-15"), conversionPrice: 1_000),
            ConvertibleNote(id: "cb2", principal: 50e6, coupon: 0.01, couponsPerYear: 2,
                            maturity: Fixtures.date("2030-03-15"), conversionPrice: 1_000),
        ]
        let simulator = TreasurySimulator(treasury: t, horizonDays: 200)
        var treasury = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        for day in 0...70 { _ = treasury.step(day: day, price: 100_000) }
        treasury.setNotePrincipal(1, 100e6)
        _ = treasury.step(day: 71, price: 100_000)
        #expect(treasury.baseTargetHolds(onDay: 71) == 300_000)
        #expect(abs(treasury.prefunded - 300_000) < 1e-6)
        for day in 72...160 { _ = treasury.step(day: day, price: 100_000) }
        #expect(treasury.baseTargetHolds(onDay: 160) == nil)
        #expect(abs(treasury.prefunded - 250_000) < 1e-6)
    }

    @Test func parRepaidInStockIssuesParOverTheDiscountedSharePrice() {
        // A 100M note maturing 2026-03-31 (day 182), out of the money (conversion $1,000, S = $100),
        // repayable in stock at a 5 % discount: 100M / (100 · 0.95) = 1,052,631.58 new shares.
        var t = Self.base()
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0, maturity: Fixtures.date("2026-03-31"),
                                              conversionPrice: 1_000, repayment: .stock)]
        let out = Self.run(t, days: 200)
        let repaid = out.events.first { $0.kind == .repaidInStock }
        #expect(repaid?.day == 182)
        #expect(abs((repaid?.shares ?? 0) - 100e6 / 95) < 1e-6)
        #expect(repaid?.detail == .sharesDelivered(pricePerShare: 95))
        #expect(abs(out.sharesEnd - (10e6 + 100e6 / 95)) < 1e-6)
        #expect(out.survived)
    }

    @Test func exhaustedAuthorisedSharesLeaveTheRestOwedInCash() {
        // Only 500,000 more shares may be issued: they deliver 500,000 · 95 = $47.5M of the 100M par;
        // the other $52.5M is paid from cash.
        var t = Self.base(authorizedShares: 10.5e6)
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0, maturity: Fixtures.date("2026-03-31"),
                                              conversionPrice: 1_000, repayment: .stock)]
        let out = Self.run(t, days: 200)
        #expect(out.sharesEnd == 10.5e6)
        #expect(out.events.contains { $0.kind == .authorizedSharesExhausted && $0.ref == "cb" && $0.shares == 500_000 })
        #expect(abs(out.liquidityEnd - (300e6 - 52.5e6)) < 1e-3)
        #expect(out.survived)
    }
}
