import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Issuer calls with a soft-call condition (issue 9): 20 of the last 30 trading days at or above
/// 130 % of the conversion price.
@Suite struct IssuerCallTests {
    /// A $100M note converting at $10, callable from the as-of date (Tuesday 2025-09-30); the
    /// stock is S = $20 · P/P0 (beta 1), so at a flat BTC price it closes at 200 % of the
    /// conversion price every trading day.
    static func treasury(callDays: Int = 20) -> Treasury {
        Treasury(
            name: "Call Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 1_000, cashUSD: 1e6),
            equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
            convertibleNotes: [ConvertibleNote(id: "cb", principal: 100e6, coupon: 0, couponsPerYear: 2,
                                               maturity: Fixtures.date("2030-03-31"), conversionPrice: 10, election: .stock,
                                               issuerCall: IssuerCall(from: Fixtures.date("2025-09-30"), requiredDays: callDays))])
    }

    /// Trading days from the as-of close: 30 Sep; 1–3, 6–10, 13–17, 20–24 Oct (19 so far);
    /// Monday 27 Oct is the 20th: the call comes on day 27 and not on Friday 24 Oct (the 19th).
    /// Holders convert: 100e6 / 10 = 10M shares.
    @Test func theCallComesOnTheTwentiethQualifyingDayNotTheNineteenth() throws {
        let outcome = TreasurySimulator(treasury: Self.treasury(), horizonDays: 60)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 60))
        let call = try #require(outcome.events.first { $0.kind == .issuerCall })
        #expect(call.day == 27)
        let conversion = try #require(outcome.events.first { $0.kind == .conversion })
        #expect(conversion.day == 27 && abs(conversion.shares - 10e6) < 1e-6)
        #expect(abs(outcome.sharesEnd - 20e6) < 1e-6)
    }

    /// One trading day below the trigger (day 10, Friday 10 Oct, BTC at $60,000: S = $12 < $13)
    /// leaves 19 qualifying days on 27 Oct: the call waits for Tuesday 28 Oct (day 28).
    @Test func aDayBelowTheTriggerDelaysTheCallByOneTradingDay() throws {
        var prices = Array(repeating: 100_000.0, count: 61)
        prices[10] = 60_000
        let outcome = TreasurySimulator(treasury: Self.treasury(), horizonDays: 60).run(path: PricePath(prices: prices))
        #expect(outcome.events.first { $0.kind == .issuerCall }?.day == 28)
    }

    /// Two notes callable from Monday 1 Dec 2025 (day 62): "a" over 30 trading days (counting from
    /// day 62 − 30·7/5 − 7 = 13) and "b" over 60 (counting from the as-of date), both qualifying
    /// every day. Both are called on day 62, in note order ("a" first) though "b" started counting
    /// first; each converts its $50M at $10: 5M shares.
    @Test func callsOnTheSameDayComeInNoteOrder() throws {
        var treasury = Self.treasury()
        let first = Fixtures.date("2025-12-01")
        treasury.convertibleNotes = [("a", 30), ("b", 60)].map { id, window in
            ConvertibleNote(id: id, principal: 50e6, coupon: 0, couponsPerYear: 2, maturity: Fixtures.date("2030-03-31"),
                            conversionPrice: 10, election: .stock,
                            issuerCall: IssuerCall(from: first, requiredDays: 20, windowDays: window))
        }
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 70)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 70))
        let calls = outcome.events.filter { $0.kind == .issuerCall }
        #expect(calls.map(\.ref) == ["a", "b"])
        #expect(calls.allSatisfy { $0.day == 62 })
        #expect(abs(outcome.sharesEnd - 20e6) < 1e-6)
    }

    /// Without the condition's days the note is never called within the horizon.
    @Test func aConditionNeverMetIsNeverCalled() throws {
        let outcome = TreasurySimulator(treasury: Self.treasury(), horizonDays: 60)
            .run(path: .instant(start: 100_000, shock: -0.4, horizonDays: 60))
        #expect(!outcome.events.contains { $0.kind == .issuerCall })
    }
}
