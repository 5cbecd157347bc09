import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// A Monte Carlo worker's paths share their state's arrays (`PathBuffers`) and record triggers by
/// position (`TriggerSlots`): neither may change a path's outcome.
@Suite struct PathBuffersTests {
    /// Paths of eight treasuries of different shapes (loans, secured notes, a fund stake,
    /// preferreds, covenants, soft calls, a reserve floor), taken in turn on one pool so each
    /// state gets arrays of another treasury's sizes and contents: every outcome equals the path
    /// run from fresh arrays, trigger days included, and the trigger table names the same
    /// triggers as those days.
    @Test func aStateBuiltFromAnotherPathsArraysGivesTheFreshOutcome() throws {
        let simulators = QuietDayTests.treasuries.map { TreasurySimulator(treasury: $0, horizonDays: 730) }
        let model = try CompiledPriceModel(.gbm(drift: -0.2, volatility: 0.9))
        var buffers = PathBuffers()
        var differing = 0, triggered = 0
        for path in 0..<24 {
            for simulator in simulators {
                let walk = MonteCarloPath(model: model, seed: 5, index: UInt64(path), start: simulator.treasury.market.btcPrice)
                var fresh = QuietDayTests.EveryFifthDay(), recycled = QuietDayTests.EveryFifthDay()
                let expected = simulator.run(prices: walk, observer: &fresh, recordEvents: false, recordSeries: false)
                var state = simulator.runPath(prices: walk, observer: &recycled, buffers: &buffers)
                let bare = state.finishWithoutTriggerDays()
                let outcome = state.finish()
                let table = Set(state.triggerDay.indices.filter { state.triggerDay[$0] >= 0 }.map { simulator.triggerSlots.all[$0] })
                state.giveBuffers(to: &buffers)
                if outcome != expected || recycled.seen != fresh.seen || table != Set(expected.triggerDays.keys)
                    || !bare.triggerDays.isEmpty { differing += 1 }
                if !expected.triggerDays.isEmpty { triggered += 1 }
            }
        }
        #expect(differing == 0, "\(differing) of \(24 * simulators.count) paths differ")
        // The paths do fire triggers (at 90 % volatility most do), so the table is exercised.
        #expect(triggered > 100)
    }

    /// The possible triggers in ladder order: Loan Co's margin call and liquidation, then its
    /// covenant-free company-wide pair; each position is the trigger `fire` records there.
    @Test func triggerPositionsFollowTheLadder() {
        let simulator = TreasurySimulator(treasury: Fixtures.loanTreasury(), horizonDays: 30)
        let slots = simulator.triggerSlots
        #expect(simulator.possibleTriggers == [Trigger(kind: .marginCall, ref: "loan-a"), Trigger(kind: .liquidation, ref: "loan-a"),
                                               Trigger(kind: .forcedSale), Trigger(kind: .defaultEvent)])
        #expect(slots.marginCall == [0] && slots.liquidation == [1] && slots.forcedSale == 2 && slots.defaultEvent == 3)
        #expect(slots.marginCalls == [0])
    }
}
