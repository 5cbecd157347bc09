import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// The settlement advisor (issue 9), on one note whose conversion is worth $2B at maturity.
@Suite struct SettlementAdvisorTests {
    /// $1B converting at $50 with the stock at $100 (beta 1, BTC flat): conversion value $2B on
    /// 2026-03-31. Cash $1.5B, then BTC at $99,500 net. Settled in cash (the treasury's own
    /// election) it sells 0.5e9 / 99,500 = 5,025.13 BTC; in stock it sells none and issues
    /// 20M shares (+200 %); mixed pays par from cash and issues (2e9 − 1e9) / 100 = 10M shares
    /// (+100 %), selling none: the advisor picks mixed.
    @Test func theAdvisorPicksTheElectionThatSellsNoBitcoinAndDilutesLeast() throws {
        var treasury = Fixtures.convertibleTreasury(election: .cash)
        treasury.holdings.cashUSD = 1.5e9
        let path = PricePath.instant(start: 100_000, shock: 0, horizonDays: 200)
        let advice = try #require(SettlementAdvisor.advise(treasury, horizonDays: 200, path: path, conditions: .calm))
        #expect(advice.exhaustive)
        #expect(advice.elections == [.init(note: "cb", election: .mixed, own: .cash)])
        #expect(abs(advice.ownBTCSold - 0.5e9 / 99_500) < 1e-6)
        #expect(advice.btcSold == 0 && !advice.defaulted)
        #expect(abs(advice.dilution - 1.0) < 1e-6 && advice.ownDilution == 0)
    }

    /// Given the own run, a scenario in which nothing converts needs no search: the same advice.
    @Test func aScenarioWithoutConversionIsAdvisedFromTheOwnRun() throws {
        var treasury = Fixtures.convertibleTreasury(election: .cash)
        treasury.holdings.cashUSD = 1.5e9
        let path = PricePath.instant(start: 100_000, shock: 0, horizonDays: 200)
        let own = TreasurySimulator(treasury: treasury, horizonDays: 200).run(path: path)
        #expect(SettlementAdvisor.advise(treasury, horizonDays: 200, path: path, conditions: .calm, ownOutcome: own)
            == SettlementAdvisor.advise(treasury, horizonDays: 200, path: path, conditions: .calm))
        let out = PricePath.instant(start: 100_000, shock: -0.6, horizonDays: 200)  // stock at $40 < $50: no conversion
        let shortcut = SettlementAdvisor.advise(treasury, horizonDays: 200, path: out, conditions: .calm,
                                                ownOutcome: TreasurySimulator(treasury: treasury, horizonDays: 200).run(path: out))
        #expect(shortcut == SettlementAdvisor.advise(treasury, horizonDays: 200, path: out, conditions: .calm))
    }

    /// When the own election is already best, the advice is the own election.
    @Test func anOwnElectionThatIsBestIsKept() throws {
        let treasury = Fixtures.convertibleTreasury(election: .stock, conversionPrice: 200)
        let path = PricePath.instant(start: 100_000, shock: 0, horizonDays: 200)
        let advice = try #require(SettlementAdvisor.advise(treasury, horizonDays: 200, path: path, conditions: .calm))
        #expect(!advice.changesAnything)
    }
}
