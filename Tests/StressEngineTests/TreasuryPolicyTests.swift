import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// The board's standing policies (DESIGN §7, issue 9), each with a number a person can check.
@Suite struct TreasuryPolicyTests {
    /// 1,000 BTC at $100,000, no cash, a $400M 10 % quarterly preferred (fixed charges $40M a year,
    /// $3.33M a month), equity S = $20 × (P/P0), an ATM at no discount open at any mNAV.
    static func treasury(_ policy: FundingPolicy, atmDaily: Double = 50e6) -> Treasury {
        Treasury(
            name: "Policy Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 1_000),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1),
                           atm: ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: atmDaily, discount: 0)),
            preferreds: [PreferredStock(id: "P", notional: 400e6, rate: 0.10, paymentsPerYear: 4, cumulative: true, seniority: 3)],
            policy: policy)
    }

    static func stepped(_ treasury: Treasury, days: Int, price: Double = 100_000) -> SimulatedTreasury {
        var state = SimulatedTreasury(simulator: TreasurySimulator(treasury: treasury, horizonDays: days))
        for day in 0...days { _ = state.step(day: day, price: day == 0 ? 100_000 : price) }
        return state
    }

    /// A floor of 6 months: 6 × $40M / 12 = $20M raised on day 1 from the ATM, at $20 a share
    /// 1,000,000 shares; the reserve is then exactly $20M and nothing more is raised on day 2.
    @Test func theReserveIsRefilledToExactlyItsFloor() throws {
        let state = Self.stepped(Self.treasury(FundingPolicy(reserveFloorMonths: 6)), days: 2)
        #expect(abs(state.reserve - 20e6) < 1e-6)
        let refills = state.out.events.filter { $0.kind == .reserveRefilled }
        #expect(refills.count == 1 && refills.first?.day == 1)
        #expect(abs((refills.first?.shares ?? 0) - 1e6) < 1e-6)
        #expect(abs(state.shares - 11e6) < 1e-6)
    }

    /// With markets shut the ATM cannot refill the floor; with `sellBitcoinForReserve` the $20M
    /// comes from selling 20e6 / (100,000 · (1 − 0.005)) = 201.005 BTC, a forced sale.
    @Test func withMarketsShutTheFloorIsRefilledBySellingBitcoin() throws {
        let treasury = Self.treasury(FundingPolicy(reserveFloorMonths: 6, sellBitcoinForReserve: true))
        var state = SimulatedTreasury(simulator: TreasurySimulator(treasury: treasury, horizonDays: 1),
                                      conditions: ScenarioConditions(marketsClosed: 1...1))
        _ = state.step(day: 0, price: 100_000)
        let flows = state.step(day: 1, price: 100_000)
        #expect(abs(state.reserve - 20e6) < 1e-6)
        #expect(abs(flows.btcSold - 20e6 / (100_000 * 0.995)) < 1e-9)
        #expect(state.out.firstForcedSaleDay == 1)
        // Without the permission nothing is sold and the reserve stays empty.
        var plain = SimulatedTreasury(simulator: TreasurySimulator(treasury: Self.treasury(FundingPolicy(reserveFloorMonths: 6)),
                                                                   horizonDays: 1),
                                      conditions: ScenarioConditions(marketsClosed: 1...1))
        _ = plain.step(day: 0, price: 100_000)
        _ = plain.step(day: 1, price: 100_000)
        #expect(plain.reserve == 0 && plain.out.btcSoldByTreasury == 0)
    }

    /// The flywheel: $5M a day at mNAV ≥ 0.5 buys 5e6 / (100,000 · 1.005) = 49.7512 BTC a day
    /// with 250,000 shares at $20; after 3 days 149.254 BTC more and 750,000 more shares.
    /// At a threshold above today's mNAV nothing is bought.
    @Test func accumulationBuysProceedsOverTheFillPrice() throws {
        let flywheel = FundingPolicy(accumulate: Accumulation(minMNAV: 0.5, maxDailyUSD: 5e6))
        let state = Self.stepped(Self.treasury(flywheel), days: 3)
        let perDay = 5e6 / (100_000 * 1.005)
        #expect(abs(state.out.btcBought - 3 * perDay) < 1e-9)
        #expect(abs(state.btcHoldings - (1_000 + 3 * perDay)) < 1e-9)
        #expect(abs(state.shares - (10e6 + 3 * 250_000)) < 1e-6)
        #expect(state.out.events.filter { $0.kind == .bitcoinBought }.count == 3)
        #expect(state.invariantViolations().isEmpty)
        let high = Self.stepped(Self.treasury(FundingPolicy(accumulate: Accumulation(minMNAV: 100, maxDailyUSD: 5e6))), days: 3)
        #expect(high.out.btcBought == 0)
    }

    /// A dividend under `deferBeforeSelling` with no cash and the ATM shut: deferred; with
    /// `sellBitcoinBelowMNAV` above today's mNAV, the $10M is paid by selling
    /// 10e6 / 99,500 = 100.503 BTC instead.
    @Test func belowTheMNAVThresholdBitcoinPaysTheDividend() throws {
        func run(_ policy: FundingPolicy) -> ScenarioOutcome {
            TreasurySimulator(treasury: Self.treasury(policy), horizonDays: 92)
                .run(path: .instant(start: 100_000, shock: 0, horizonDays: 92),
                     conditions: ScenarioConditions(marketsClosed: 1...92))
        }
        let deferred = run(FundingPolicy(dividends: .deferBeforeSelling))
        #expect(deferred.events.contains { $0.kind == .dividendDeferred && abs($0.amountUSD - 10e6) < 1e-6 })
        #expect(deferred.btcSoldByTreasury == 0)
        let sold = run(FundingPolicy(dividends: .deferBeforeSelling, sellBitcoinBelowMNAV: 100))
        #expect(abs(sold.btcSoldByTreasury - 10e6 / 99_500) < 1e-9)
        #expect(!sold.events.contains { $0.kind == .dividendDeferred })
    }

    /// Buybacks from cash: the treasury holds $10M of cash; mNAV (about 5.9) is below the 10 set,
    /// so $2M a day buys back 2e6 / $20 = 100,000 shares; after 3 days 300,000 fewer shares and
    /// $4M of cash, BTC unchanged and BTC per share up by 10 / 9.7 − 1 = 3.09 %. Below today's
    /// mNAV (a threshold of 1) nothing is bought.
    @Test func buybacksFromCashRetireSharesAtTheDaysPrice() throws {
        var treasury = Self.treasury(FundingPolicy(buyback: Buyback(maxMNAV: 10, maxDailyUSD: 2e6, capacityUSD: 1e9)))
        treasury.holdings.cashUSD = 10e6
        let state = Self.stepped(treasury, days: 3)
        #expect(abs(state.shares - 9.7e6) < 1e-6)
        #expect(abs(state.cash - 4e6) < 1e-6)
        #expect(state.btcHoldings == 1_000)
        #expect(state.out.events.filter { $0.kind == .sharesBoughtBack }.map(\.shares) == [100_000, 100_000, 100_000])
        #expect(state.invariantViolations().isEmpty)
        var low = Self.treasury(FundingPolicy(buyback: Buyback(maxMNAV: 1, maxDailyUSD: 2e6, capacityUSD: 1e9)))
        low.holdings.cashUSD = 10e6
        #expect(Self.stepped(low, days: 3).shares == 10e6)
        // A $3M programme is spent in two days ($2M, then $1M: 50,000 shares).
        var small = Self.treasury(FundingPolicy(buyback: Buyback(maxMNAV: 10, maxDailyUSD: 2e6, capacityUSD: 3e6)))
        small.holdings.cashUSD = 10e6
        #expect(Self.stepped(small, days: 3).out.events.filter { $0.kind == .sharesBoughtBack }.map(\.shares) == [100_000, 50_000])
        // Leverage is $400M of preferred over $100M of BTC, 4×: a 3× limit stops every buyback.
        var levered = Self.treasury(FundingPolicy(buyback: Buyback(maxMNAV: 10, maxDailyUSD: 2e6, capacityUSD: 1e9, maxLeverage: 3)))
        levered.holdings.cashUSD = 10e6
        #expect(Self.stepped(levered, days: 3).shares == 10e6)
    }

    /// Buybacks paid in BTC: $2M a day sells 2e6 / (100,000 · 0.995) = 20.1005 BTC a day, which the
    /// board chose, so no forced sale is recorded; 100,000 shares a day are retired.
    @Test func buybacksPaidInBitcoinAreNotForcedSales() throws {
        let treasury = Self.treasury(FundingPolicy(buyback: Buyback(maxMNAV: 10, maxDailyUSD: 2e6, capacityUSD: 1e9, fundedBy: .bitcoin)))
        let state = Self.stepped(treasury, days: 2)
        #expect(abs(state.out.btcSoldByTreasury - 2 * 2e6 / 99_500) < 1e-9)
        #expect(abs(state.btcHoldings - (1_000 - 2 * 2e6 / 99_500)) < 1e-9)
        #expect(abs(state.shares - 9.8e6) < 1e-6)
        #expect(state.out.firstForcedSaleDay == nil)
        #expect(state.invariantViolations().isEmpty)
    }

    /// A $100M zero-coupon note maturing on day 10 (2025-10-10), far out of the money. Refinanced
    /// at a 2 % spread for a year: nothing is repaid on day 10; the new note pays 100e6 · 0.02 / 2
    /// = $1M on 2026-04-10 (day 192) and matures on 2026-10-10, beyond the horizon. Without the
    /// policy the $100M is repaid (the ATM's $50M a day cannot, so BTC is sold); with markets shut
    /// on day 10 the note is repaid too.
    @Test func aRefinancedNoteRollsAtTheOldRatePlusTheSpread() throws {
        func run(_ policy: FundingPolicy, closed: ClosedRange<Int>? = nil) -> ScenarioOutcome {
            var treasury = Self.treasury(policy)
            treasury.preferreds = []
            treasury.convertibleNotes = [ConvertibleNote(id: "N", principal: 100e6, coupon: 0, maturity: Fixtures.date("2025-10-10"),
                                                         conversionPrice: 1_000)]
            return TreasurySimulator(treasury: treasury, horizonDays: 200)
                .run(path: .instant(start: 100_000, shock: 0, horizonDays: 200), conditions: ScenarioConditions(marketsClosed: closed))
        }
        let rolled = run(FundingPolicy(refinance: Refinancing(spread: 0.02, termYears: 1)))
        let roll = try #require(rolled.events.first { $0.kind == .refinanced })
        #expect(roll.day == 10 && roll.amountUSD == 100e6 && roll.detail == .refinanced(rate: 0.02, termYears: 1))
        #expect(!rolled.events.contains { $0.kind == .maturity })
        let coupons = rolled.events.filter { $0.kind == .couponPaid }
        #expect(coupons.map(\.day) == [192] && abs((coupons.first?.amountUSD ?? 0) - 1e6) < 1e-6)
        #expect(rolled.btcSold == 0)
        let repaid = run(FundingPolicy())
        #expect(repaid.events.contains { $0.kind == .maturity && $0.day == 10 } && repaid.btcSold > 0)
        let shut = run(FundingPolicy(refinance: Refinancing(spread: 0.02, termYears: 1)), closed: 10...10)
        #expect(!shut.events.contains { $0.kind == .refinanced } && shut.events.contains { $0.kind == .maturity })
    }

    /// A rolled note's dates take their place among the original ones. The note above, rolled, pays
    /// its $1M coupon on 2026-04-10 (day 192), the day a junior preferred (seniority 3 after the
    /// note's 2) pays its 40e6 · 0.10 / 4 = $1M dividend: the coupon is paid first, and with 20
    /// prefunding days it is raised ahead as an original coupon is (the ramp reaches the whole $1M
    /// the day before), so it is paid wholly from prefunded cash, and so is the dividend.
    @Test func aRolledNotesDatesArePaidInOrderAndPrefunded() throws {
        var treasury = Self.treasury(FundingPolicy(prefundDays: 20, refinance: Refinancing(spread: 0.02, termYears: 1)))
        treasury.preferreds = [PreferredStock(id: "P", notional: 40e6, rate: 0.10, paymentsPerYear: 4, seniority: 3,
                                              paymentDates: [Fixtures.date("2026-04-10")])]
        treasury.convertibleNotes = [ConvertibleNote(id: "N", principal: 100e6, coupon: 0, maturity: Fixtures.date("2025-10-10"),
                                                     conversionPrice: 1_000)]
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 200)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 200))
        let paid = outcome.events.filter { $0.day == 192 && ($0.kind == .couponPaid || $0.kind == .dividendPaid) }
        #expect(paid.map(\.kind) == [.couponPaid, .dividendPaid])
        let prefunded = paid.map { event -> Double in
            if case .funded(let funding) = event.detail { return funding.fromPrefunded }
            return -1
        }
        #expect(prefunded.count == 2 && prefunded.allSatisfy { abs($0 - 1e6) < 1e-6 }, "\(prefunded)")
    }

    /// A $20M 5 % loan on 500 BTC (LTV 40 %) maturing 2025-10-31 (day 31), rolled at a 2 % spread:
    /// the day's accrued interest, 20e6 · 0.05 / 365 = $2,739.73, is paid at the roll, and the first
    /// month of the new loan, 2025-10-31 to 2025-11-30, pays 30 · 20e6 · 0.07 / 365 = $115,068.49.
    @Test func aRefinancedLoanPaysItsInterestAndRollsAtTheHigherRate() throws {
        var treasury = Self.treasury(FundingPolicy(refinance: Refinancing(instruments: ["L"], spread: 0.02)))
        treasury.preferreds = []
        treasury.loans = [BTCLoan(id: "L", principal: 20e6, rate: 0.05, maturity: Fixtures.date("2025-10-31"),
                                  collateral: .bitcoin(500), marginCallLTV: 0.7, liquidationLTV: 0.85, targetLTV: 0.5)]
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 70)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 70))
        let interest = outcome.events.filter { $0.kind == .interestPaid }
        #expect(interest.map(\.day) == [30, 31, 61])
        #expect(abs(interest[1].amountUSD - 20e6 * 0.05 / 365) < 1e-6)
        #expect(abs(interest[2].amountUSD - 30 * 20e6 * 0.07 / 365) < 1e-6)
        #expect(outcome.events.contains { $0.kind == .refinanced && $0.day == 31 && $0.detail == .refinanced(rate: 0.07, termYears: 5) })
        #expect(!outcome.events.contains { $0.kind == .loanRepaid || $0.kind == .maturity })
    }
}
