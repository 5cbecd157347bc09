import Testing
import TreasuryModel

@Suite struct TreasuryValidationTests {
    func base() -> Treasury {
        Treasury(name: "T", asOf: CalendarDate(iso: "2025-09-30")!, market: MarketConditions(btcPrice: 100_000),
                 holdings: Holdings(bitcoinUnits: 1000), equity: Equity(sharesOutstanding: 1e6, sharePrice: 10))
    }

    func loan(call: Double = 0.65, liquidation: Double = 0.8, collateral: Collateral = .bitcoin(500)) -> BTCLoan {
        BTCLoan(id: "loan-a", principal: 10e6, rate: 0.08, maturity: CalendarDate(iso: "2027-01-01")!,
                collateral: collateral, marginCallLTV: call, liquidationLTV: liquidation, targetLTV: 0.5)
    }

    @Test func aConsistentTreasuryHasNoProblems() {
        var treasury = base()
        treasury.loans = [loan()]
        #expect(treasury.validationProblems().isEmpty)
    }

    @Test func ltvThresholdsMustRise() {
        var treasury = base()
        treasury.loans = [loan(call: 0.65, liquidation: 0.6)]
        #expect(treasury.validationProblems().map(\.message)
                == ["btcLoan \"loan-a\": liquidationLTV (0.6) must be above marginCallLTV (0.65)"])
    }

    @Test func putDatesMustBeInOrderAndBeforeMaturity() {
        var treasury = base()
        treasury.convertibleNotes = [ConvertibleNote(
            id: "cb", principal: 1e6, coupon: 0, maturity: CalendarDate(iso: "2027-01-01")!, conversionPrice: 10,
            putDates: [CalendarDate(iso: "2026-06-01")!, CalendarDate(iso: "2026-03-01")!])]
        #expect(treasury.validationProblems().map(\.message)
                == ["convertibleNote \"cb\": putDates must be in increasing order (2026-06-01 then 2026-03-01)"])
    }

    @Test func covenantsMustNameKnownInstruments() {
        var treasury = base()
        treasury.covenants = [Covenant(id: "lev", metric: .leverage, maximum: 0.5, consequence: .accelerate,
                                       accelerates: ["loan-zz"])]
        #expect(treasury.validationProblems().map(\.message)
                == ["covenant \"lev\": instruments names \"loan-zz\", which is not a convertibleNote, btcLoan or preferred"])
    }

    @Test func collateralCannotExceedHoldings() {
        var treasury = base()
        treasury.loans = [loan(collateral: .bitcoin(1500))]
        #expect(treasury.validationProblems().map(\.message)
                == ["loans and secured notes pledge 1500.0 BTC but the treasury holds 1000.0 BTC"])
        // A secured note's collateral counts too: 1,500 + 600 > 1,000 pledged.
        treasury.convertibleNotes = [ConvertibleNote(id: "sn", principal: 10e6, coupon: 0, maturity: CalendarDate(iso: "2030-01-01") ?? CalendarDate(dayNumber: 0),
                                                     conversionPrice: 100, security: NoteSecurity(collateralBTC: 600))]
        #expect(treasury.validationProblems().map(\.message)
                == ["loans and secured notes pledge 2100.0 BTC but the treasury holds 1000.0 BTC"])
    }
}
