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
}
