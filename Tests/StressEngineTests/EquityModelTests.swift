import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct EquityModelTests {
    @Test func inputSharePriceIsReproducedAtDayZero() throws {
        let treasury = Fixtures.mixedTreasury()
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: 1)
        let day0 = try #require(simulator.run(path: .instant(start: 100_000, shock: 0, horizonDays: 1)).series.first)
        #expect(abs(day0.sharePrice - 50) < 1e-9)
        // mNAV = EV / BTC NAV = (50 · 50e6 + 700e6 + 150e6 + 900e6 − 250e6) / ((20,000 + 2,840) · 100,000).
        let ev = 50.0 * 50e6 + 700e6 + 150e6 + 900e6 - 250e6
        #expect(abs(simulator.startMNAV - ev / (22_840 * 100_000)) < 1e-12)
    }

    @Test func sharePriceFollowsTheMNAVIdentity() throws {
        let treasury = Fixtures.mixedTreasury()
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: 1)
        let day1 = try #require(simulator.run(path: .instant(start: 100_000, shock: -0.36, horizonDays: 1)).series.last)
        // m₁ = m₀ · 0.64^0.5 = 0.8 m₀; market cap = m₁ · NAV₁ − debt − preferred + cash.
        let fundBTC = 5e6 * 0.000568 * pow(0.9975, 1.0 / 365)
        let nav = (20_000 + fundBTC) * 64_000
        let m1 = simulator.startMNAV * 0.8
        let expected = (m1 * nav - 700e6 - 150e6 - 900e6 + 250e6) / 50e6
        #expect(abs(day1.sharePrice - expected) < 1e-6)
        #expect(abs(day1.mnav - m1) < 1e-12)
    }

    @Test func betaModelScalesThePrice() throws {
        var treasury = Fixtures.loanTreasury()
        treasury.equity.model = .beta(1.5)
        let day1 = try #require(TreasurySimulator(treasury: treasury, horizonDays: 1)
            .run(path: .instant(start: 100_000, shock: -0.19, horizonDays: 1)).series.last)
        #expect(abs(day1.sharePrice - 10 * pow(0.81, 1.5)) < 1e-12)
    }
}
