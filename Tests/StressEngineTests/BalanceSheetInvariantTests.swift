import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct BalanceSheetInvariantTests {
    static let shocks: [Double] = [0, -0.2, -0.4, -0.5, -0.6, -0.7, -0.8, -0.9, -0.95]

    @Test(arguments: shocks)
    func btcAndCashAreConserved(shock: Double) {
        let treasury = Fixtures.mixedTreasury()
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 730)
            .run(path: .instant(start: 100_000, shock: shock, horizonDays: 730))
        // Direct BTC: start = end + sold by the treasury + sold by lenders.
        #expect(abs(outcome.directBTCStart - outcome.directBTCEnd - outcome.btcSoldByTreasury - outcome.btcSoldByLenders) < 1e-6)
        // Cash: end − start = ATM + sale proceeds + operating inflows − payments.
        let l = outcome.ledger
        let expected = outcome.liquidityStart + l.atmProceeds + l.saleProceeds + l.operatingInflows - l.payments
        #expect(abs(outcome.liquidityEnd - expected) < 1e-3)
        #expect(outcome.liquidityEnd >= -1e-6)
        #expect(outcome.directBTCEnd >= -1e-9)
    }

    @Test func aDeeperShockNeverSellsLessBTC() {
        let simulator = TreasurySimulator(treasury: Fixtures.mixedTreasury(), horizonDays: 730)
        let sold = Self.shocks.map {
            simulator.run(path: .instant(start: 100_000, shock: $0, horizonDays: 730), recordEvents: false).btcSold
        }
        for (shallow, deep) in zip(sold, sold.dropFirst()) { #expect(deep >= shallow - 1e-9) }
        #expect((sold.last ?? 0) > 0)
    }

    @Test func runsAreDeterministic() {
        let simulator = TreasurySimulator(treasury: Fixtures.mixedTreasury(), horizonDays: 730)
        let path = PricePath.instant(start: 100_000, shock: -0.6, horizonDays: 730)
        #expect(simulator.run(path: path) == simulator.run(path: path))
    }

    @Test func fundStakeExposureDecaysByTheFee() {
        var treasury = Fixtures.mixedTreasury()
        treasury.convertibleNotes = []
        treasury.preferreds = []
        treasury.loans = []
        treasury.operatingCashFlowUSDPerYear = 0
        let outcome = TreasurySimulator(treasury: treasury, horizonDays: 730)
            .run(path: .instant(start: 100_000, shock: 0, horizonDays: 730))
        // No sales: BTC held falls only by the IBIT fee, 2,840 · (1 − 0.9975²).
        #expect(abs(outcome.btcHeldStart - outcome.btcHeldEnd - 2_840 * (1 - 0.9975 * 0.9975)) < 1e-6)
    }
}
