import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// The ladder names what drives a trigger, from a run at its price.
@Suite struct TriggerDriverTests {
    @Test func aMaturityThatCashCannotCoverDrivesTheForcedSale() throws {
        // A $100M note matures 2026-03-31 (day 182) out of the money, repayable in cash; the
        // company has $50M of cash and sells BTC for the rest at any price: the driver is the
        // maturity on day 182, half from cash and half from BTC.
        var t = ClosedFormTests.base(cash: 50e6, order: [.cash, .bitcoin])
        t.convertibleNotes = [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0, maturity: Fixtures.date("2026-03-31"),
                                              conversionPrice: 1_000)]
        let ladder = TriggerLadder.build(TreasurySimulator(treasury: t, horizonDays: 365))
        let sale = try #require(ladder.first { $0.trigger.kind == .forcedSale })
        #expect(sale.status == .always)
        let driver = try #require(sale.driver)
        #expect(driver.kind == .maturity)
        #expect(driver.ref == "cb")
        #expect(driver.day == 182)
        let funding = try #require(driver.detail.funding)
        #expect(abs(funding.fromCash - 50e6) < 1e-6)
        #expect(abs(funding.fromBTC - 50e6) < 1e-6)
    }

    @Test func aMissedPaymentIsItsOwnDriverAndUnfiredTriggersHaveNone() {
        let missed = SimulationEvent(day: 40, kind: .missedPayment, ref: "cb", amountUSD: 1e6, btc: 0, shares: 0,
                                     btcPrice: 1, detail: .missed(.coupon))
        let coupon = SimulationEvent(day: 40, kind: .couponPaid, ref: "cb", amountUSD: 0, btc: 0, shares: 0, btcPrice: 1,
                                     detail: .funded(FundingBreakdown()))
        #expect(TriggerDriver.find(Trigger(kind: .defaultEvent), in: [coupon, missed]) == missed)
        #expect(TriggerDriver.find(Trigger(kind: .forcedSale), in: [coupon, missed]) == nil)
    }
}

/// A scenario that pays everything but ends with claims above the BTC NAV has its own status.
@Suite struct InsolventStatusTests {
    @Test(arguments: [(0.0, ScenarioReport.Status.survived), (-0.5, .insolvent)])
    func claimsAboveTheBTCNAVAreInsolvent(shock: Double, expected: ScenarioReport.Status) throws {
        // 10,000 BTC at $100,000 = $1B NAV against a $600M preferred paying nothing: at −50 % the
        // NAV is $500M and the preferred's coverage 500 / 600 = 0.83× < 1, with no payment missed.
        var t = ClosedFormTests.base()
        t.preferreds = [PreferredStock(id: "pf", notional: 600e6, rate: 0)]
        let set = ScenarioSet(name: "s", horizonDays: 30,
                              scenarios: [Scenario(id: "x", name: "x", path: .instant(shock: shock))])
        let report = try StressTest.run(treasury: t, scenarios: set, inputs: [])
        let scenario = try #require(report.scenarios.first)
        #expect(scenario.status == expected)
        #expect(abs((scenario.coverage.first?.worst ?? 0) - (shock == 0 ? 1e9 / 600e6 : 0.5e9 / 600e6)) < 1e-9)
    }
}
