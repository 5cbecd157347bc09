import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct LoanTriggerTests {
    @Test func marginCallAndLiquidationPricesMatchTheirClosedForms() throws {
        let treasury = Fixtures.loanTreasury()
        let loan = try #require(treasury.loans.first)
        #expect(abs(try #require(loan.marginCallPrice) - 61_538.461_538) < 0.001)
        #expect(try #require(loan.liquidationPrice) == 50_000)
        let ladder = TriggerLadder.build(TreasurySimulator(treasury: treasury, horizonDays: 60))
        let call = try #require(ladder.first { $0.trigger == Trigger(kind: .marginCall, ref: "loan-a") })
        let liquidation = try #require(ladder.first { $0.trigger == Trigger(kind: .liquidation, ref: "loan-a") })
        let callPrice = try #require(call.btcPrice), liquidationPrice = try #require(liquidation.btcPrice)
        #expect(abs(callPrice / 61_538.461_538 - 1) < 1e-4)
        #expect(abs(liquidationPrice / 50_000 - 1) < 1e-4)
        #expect(call.monotonic && liquidation.monotonic)
    }

    @Test func topUpPledgesFreeBTCToTheTargetLTV() {
        let treasury = Fixtures.loanTreasury()
        // At $60,000 the LTV is 200e6 / (5000 · 60,000) = 66.7 %: a call. Target 50 % needs
        // 200e6 / (0.5 · 60,000) = 6,666.67 BTC pledged: 1,666.67 more.
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 10)
            .run(path: .instant(start: 100_000, shock: -0.4, horizonDays: 10))
        let pledge = outcome.events.first { $0.kind == .collateralPledged }
        #expect(pledge.map { abs($0.btc - 1_666.666_667) < 1e-3 } == true)
        #expect(outcome.events.contains { $0.kind == .marginCallCured })
        #expect(outcome.triggerDays[Trigger(kind: .liquidation, ref: "loan-a")] == nil)
        #expect(outcome.btcSold == 0)
    }

    @Test func uncuredCallIsLiquidatedAfterTheCureDays() {
        let treasury = Fixtures.loanTreasury(marginCall: .none)
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 10)
            .run(path: .instant(start: 100_000, shock: -0.4, horizonDays: 10))
        #expect(outcome.triggerDays[Trigger(kind: .marginCall, ref: "loan-a")] == 1)
        #expect(outcome.triggerDays[Trigger(kind: .liquidation, ref: "loan-a")] == 3)
        // The lender sells enough to recover principal plus 3 days of interest at 8 %, at $60,000 less 0.5 %.
        let owed = 200e6 + 200e6 * 0.08 / 365 * 3
        #expect(abs(outcome.btcSoldByLenders - owed / (60_000 * 0.995)) < 1e-6)
    }

    @Test func liquidationAtOrBelowItsPriceEvenWithFreeBTC() {
        let outcome = TreasurySimulator(treasury: Fixtures.loanTreasury(), horizonDays: 5)
            .run(path: .instant(start: 100_000, shock: -0.55, horizonDays: 5))
        #expect(outcome.triggerDays[Trigger(kind: .liquidation, ref: "loan-a")] == 1)
        #expect(outcome.firstForcedSale?.day == 1)
    }
}
