import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Secured convertibles (issue 9): the collateral test, its call on the ladder, the cure, the
/// foreclosure and the mandatory partial redemption, each checked by hand.
@Suite struct SecuredNoteTests {
    /// A $100M note secured by 2,000 BTC at $100,000, BTC counted at 52.63 % (Trump Media's
    /// test): coverage 2,000 · 100,000 · 0.5263 / 100e6 = 1.0526; `free` BTC besides.
    static func treasury(free: Double = 0, advanceRate: Double = 0.5263, redemption: Double? = nil) -> Treasury {
        Treasury(
            name: "Secured Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 2_000 + free),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(
                id: "secured", principal: 100e6, coupon: 0, couponsPerYear: 2, maturity: Fixtures.date("2028-05-29"),
                conversionPrice: 1e6, security: NoteSecurity(collateralBTC: 2_000, advanceRate: advanceRate, cureDays: 2,
                                                             redemptionCoverage: redemption))],
            policy: FundingPolicy(fundingOrder: [.cash, .bitcoin], btcSaleSlippage: 0))
    }

    /// The call fires at 100e6 / (2,000 · 0.5263) = $95,003.80; with no free BTC to post, the
    /// holders foreclose after the cure days at the same price: both rungs on the ladder.
    @Test func theCollateralCallIsOnTheLadderAtItsClosedForm() throws {
        let ladder = TriggerLadder.build(TreasurySimulator(treasury: Self.treasury(), horizonDays: 30))
        let call = try #require(ladder.first { $0.trigger == Trigger(kind: .marginCall, ref: "secured") })
        let foreclosure = try #require(ladder.first { $0.trigger == Trigger(kind: .liquidation, ref: "secured") })
        let price = 100e6 / (2_000 * 0.5263)
        #expect(abs((call.btcPrice ?? 0) - price) <= 1)
        #expect(abs((foreclosure.btcPrice ?? 0) - price) <= 1)
    }

    /// At $80,000 with 1,000 free BTC: coverage 2,000 · 80,000 · 0.5263 / 100e6 = 0.842; the
    /// issuer posts 100e6 / (80,000 · 0.5263) − 2,000 = 375.07 BTC and the call is cured.
    @Test func freeBitcoinCuresTheCall() throws {
        let outcome = TreasurySimulator(treasury: Self.treasury(free: 1_000), horizonDays: 10)
            .run(path: .instant(start: 100_000, shock: -0.2, horizonDays: 10))
        let posted = try #require(outcome.events.first { $0.kind == .collateralPledged })
        #expect(abs(posted.btc - (100e6 / (80_000 * 0.5263) - 2_000)) < 1e-6)
        #expect(outcome.events.contains { $0.kind == .marginCallCured })
        #expect(outcome.btcSold == 0)
    }

    /// Without free BTC the holders foreclose on day 1 + 2: at $80,000 they sell 100e6 / 80,000 =
    /// 1,250 BTC and 750 BTC return; the notes are repaid in full.
    @Test func anUncuredCallEndsInForeclosure() throws {
        let outcome = TreasurySimulator(treasury: Self.treasury(), horizonDays: 10)
            .run(path: .instant(start: 100_000, shock: -0.2, horizonDays: 10))
        let sale = try #require(outcome.events.first { $0.kind == .liquidation })
        #expect(sale.day == 3)
        #expect(abs(sale.btc - 1_250) < 1e-9)
        #expect(abs(outcome.btcHeldEnd - 750) < 1e-9)
        #expect(outcome.unpaidUSD == 0)
    }

    /// A mandatory redemption back to 1.5× (BTC counted in full): at $60,000 coverage is
    /// 2,000 · 60,000 / 100e6 = 1.2; V = (1.5 · 100e6 − 120e6) / (1.5 − 1) = $60M redeems notes
    /// with 1,000 BTC, leaving $40M covered by 1,000 BTC ($60M): 1.5× exactly, and no more sales.
    @Test func aMandatoryRedemptionRestoresTheCoverage() throws {
        let outcome = TreasurySimulator(treasury: Self.treasury(advanceRate: 1, redemption: 1.5), horizonDays: 10)
            .run(path: .instant(start: 100_000, shock: -0.4, horizonDays: 10))
        let redemptions = outcome.events.filter { $0.kind == .liquidation }
        #expect(redemptions.count == 1)
        #expect(abs((redemptions.first?.amountUSD ?? 0) - 60e6) < 1e-6)
        #expect(abs((redemptions.first?.btc ?? 0) - 1_000) < 1e-9)
        #expect(abs(outcome.btcHeldEnd - 1_000) < 1e-9)
        #expect(outcome.triggerDays[Trigger(kind: .marginCall, ref: "secured")] == nil)
    }
}
