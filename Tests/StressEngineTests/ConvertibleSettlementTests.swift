import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Beta-1 equity: the share price is 100 · P/100,000, so at a flat price it stays 100 and a note
/// converting at 50 is worth 2× par.
@Suite struct ConvertibleSettlementTests {
    let horizon = 200  // maturity 2026-03-31 is day 182

    @Test func stockSettlementIssuesPrincipalOverConversionPrice() {
        let outcome = TreasurySimulator(treasury: Fixtures.convertibleTreasury(election: .stock), horizonDays: horizon)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: horizon))
        // 1e9 / 50 = 20,000,000 new shares; no cash leaves.
        #expect(abs(outcome.sharesEnd - outcome.sharesStart - 20e6) < 1e-6)
        #expect(outcome.ledger.payments == 0)
    }

    @Test func mixedSettlementPaysParInCashAndTheExcessInShares() {
        let outcome = TreasurySimulator(treasury: Fixtures.convertibleTreasury(election: .mixed), horizonDays: horizon)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: horizon))
        // Conversion value 1e9 · 100 / 50 = 2e9: par 1e9 in cash, (2e9 − 1e9) / 100 = 10,000,000 shares.
        #expect(abs(outcome.ledger.payments - 1e9) < 1e-3)
        #expect(abs(outcome.sharesEnd - outcome.sharesStart - 10e6) < 1e-6)
    }

    @Test func cashSettlementPaysTheConversionValue() {
        let outcome = TreasurySimulator(treasury: Fixtures.convertibleTreasury(election: .cash), horizonDays: horizon)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: horizon))
        // 2e9 due; cash 2e9 covers it exactly, no shares, no BTC sold.
        #expect(abs(outcome.ledger.payments - 2e9) < 1e-3)
        #expect(outcome.sharesEnd == outcome.sharesStart)
        #expect(outcome.btcSold == 0)
    }

    @Test func outOfTheMoneyNoteIsRepaidAtPar() {
        // Conversion price 150 > share price 100: par in cash, no shares.
        let outcome = TreasurySimulator(treasury: Fixtures.convertibleTreasury(election: .stock, conversionPrice: 150),
                                        horizonDays: horizon)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: horizon))
        #expect(abs(outcome.ledger.payments - 1e9) < 1e-3)
        #expect(outcome.sharesEnd == outcome.sharesStart)
        #expect(outcome.events.contains { $0.kind == .maturity && $0.ref == "cb" })
    }

    @Test func parBeyondCashIsAForcedSaleOfBTC() {
        var treasury = Fixtures.convertibleTreasury(election: .stock, conversionPrice: 150)
        treasury.holdings.cashUSD = 400e6
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: horizon)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: horizon))
        // 600e6 short at 100,000 less 0.5 % slippage: 600e6 / 99,500 BTC sold, on the maturity day.
        #expect(abs(outcome.btcSoldByTreasury - 600e6 / 99_500) < 1e-6)
        #expect(outcome.firstForcedSale?.day == 182)
        #expect(outcome.survived)
    }
}
