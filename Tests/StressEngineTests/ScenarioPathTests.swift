import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

@Suite struct ScenarioPathTests {
    @Test func embeddedHistoryHoldsKnownCloses() throws {
        let history = BTCHistory.embedded
        #expect(history.firstDate.description == "2011-12-31")
        #expect(history.lastDate.description == "2026-08-21")
        #expect(history.close(on: try #require(CalendarDate(iso: "2025-10-06"))) == 124_750)
        #expect(history.close(on: try #require(CalendarDate(iso: "2022-11-21"))) == 15_760)
        #expect(history.close(on: try #require(CalendarDate(iso: "2020-03-12"))) == 4_900.86)
    }

    @Test func historicalReplayAppliesTheWindowsReturnsToTodaysPrice() throws {
        let path = try PricePath.forScenario(
            .historical(from: try #require(CalendarDate(iso: "2025-10-06")), to: try #require(CalendarDate(iso: "2025-10-11"))),
            start: 100_000, horizonDays: 10)
        #expect(path.prices[0] == 100_000)
        // 2025-10-11 close 110,748 over 124,750, then flat.
        #expect(abs(path.prices[5] - 100_000 * 110_748 / 124_750) < 1e-6)
        #expect(path.prices[10] == path.prices[5])
    }

    @Test func waypointsAreLogLinear() throws {
        let path = try PricePath.forScenario(.waypoints([.init(day: 10, multiple: 0.25), .init(day: 20, multiple: 1)]),
                                             start: 100, horizonDays: 30)
        #expect(abs(path.prices[5] - 50) < 1e-9)   // halfway in log between 1 and 0.25
        #expect(abs(path.prices[10] - 25) < 1e-9)
        #expect(abs(path.prices[15] - 50) < 1e-9)
        #expect(abs(path.prices[30] - 100) < 1e-9)
    }

    @Test func aWindowOutsideTheHistoryIsAnInputError() throws {
        #expect(throws: InputError.self) {
            try PricePath.forScenario(.historical(from: CalendarDate(iso: "2010-01-01")!, to: CalendarDate(iso: "2010-06-01")!),
                                      start: 100, horizonDays: 10)
        }
    }

    @Test func theBuiltInSetReplaysOnlyEmbeddedHistory() throws {
        let set = StandardScenarios.set
        #expect(set.validationProblems().isEmpty)
        for scenario in set.scenarios {
            _ = try PricePath.forScenario(scenario.path, start: 100_000, horizonDays: set.horizonDays)
        }
    }
}
