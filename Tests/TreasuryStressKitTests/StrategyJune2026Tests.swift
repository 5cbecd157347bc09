import Foundation
import Testing
import StressResults
import TreasuryModel
@testable import TreasuryStressKit

/// `examples/strategy-2026-06.xml` on the days after its as-of date (issue 9): the reserve is
/// held at its 18-month floor by the ATM while mNAV is at least 1, dividends are paid, and no
/// BTC is sold; with markets shut the reserve pays the dividends down and nothing is issued.
@Suite struct StrategyJune2026Tests {
    @Test func theReserveFloorIsKeptFromTheATMAndNoBitcoinIsSold() throws {
        let output = try ReportCommands.produce(treasuryPath: path("examples/strategy-2026-06.xml"),
                                                scenariosPath: path("examples/scenarios-2026-06.xml"))
        let report = output.report
        let replay = try #require(report.scenarios.first { $0.id == "after-june-2026" })
        #expect(replay.btcSold == 0 && replay.status == .survived)
        let refills = replay.events.filter { $0.kind == .reserveRefilled }
        #expect(refills.first?.day == 1)
        #expect(refills.allSatisfy { ($0.detail.funding?.fromATM ?? 0) > 0 && ($0.detail.funding?.fromBTC ?? 0) == 0 })
        // Fixed charges: dividends 1.762B and coupons 25.5M a year: 18 months is 2.68B, held every day.
        let floor = 18 * (1.28e9 * 0.10 + 10.681e9 * 0.1228 + 0.8e9 * 0.10 + 1.4e9 * 0.08 + 1.3e9 * 0.10
                          + 350e6 * 0.00625 + 603.75e6 * 0.00875 + 800e6 * 0.0225) / 12
        #expect(replay.series.dropFirst().allSatisfy { abs($0.liquidityUSD - floor) < 1 })
        let shut = try #require(report.scenarios.first { $0.id == "after-june-2026-shut" })
        #expect(shut.sharesEnd == shut.sharesStart && shut.btcSold == 0)
        #expect((shut.series.last?.liquidityUSD ?? .infinity) < 1e9)
        #expect(output.html.contains("the USD reserve is kept at 18.0 months of fixed charges"))
    }
}
