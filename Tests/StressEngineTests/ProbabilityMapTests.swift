import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// The probability map (issue 10): cells restart the treasury at a price and an mNAV, share the
/// same random paths, and count what happens.
@Suite struct ProbabilityMapTests {
    /// 1,000 BTC at $100,000; a $50M loan on all of it (LTV 50 %, margin call at 65 %: BTC
    /// 50e6 / (1,000 · 0.65) = $76,923.08); 10M shares at $20; no cash.
    static let treasury = Treasury(
        name: "Map Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
        holdings: Holdings(bitcoinUnits: 1_000),
        equity: Equity(sharesOutstanding: 10e6, sharePrice: 20, model: .beta(1)),
        loans: [BTCLoan(id: "L", principal: 50e6, rate: 0, maturity: Fixtures.date("2030-01-01"), collateral: .bitcoin(1_000),
                        marginCallLTV: 0.65, liquidationLTV: 0.8, targetLTV: 0.5)])

    /// At half today's price and mNAV 2: NAV $50M, equity 2 · 50M − 50M = $50M, $5 a share. At
    /// mNAV 0.9 the $45M of EV does not cover the $50M loan: no share price gives it.
    @Test func aCellRestartsAtItsPriceAndMNAV() throws {
        let cell = try #require(ProbabilityMapRun.restarted(Self.treasury, priceMultiple: 0.5, mnav: 2))
        #expect(cell.market.btcPrice == 50_000)
        #expect(abs(cell.equity.sharePrice - 5) < 1e-12)
        #expect(abs(TreasurySimulator(treasury: cell, horizonDays: 0).startMNAV - 2) < 1e-12)
        #expect(ProbabilityMapRun.restarted(Self.treasury, priceMultiple: 0.5, mnav: 0.9) == nil)
    }

    /// With no volatility every path is flat: the margin call comes on every path from a start at
    /// or below $76,923.08 ($50k, $60k, $70k) and on none above ($80k, $90k, $100k).
    @Test func aFlatPathCallsExactlyBelowTheClosedForm() throws {
        let spec = ProbabilityMapSpec(id: "m", name: "m", model: .gbm(drift: 0, volatility: 0), paths: 7, seed: 1,
                                      priceMultiples: ProbabilityMapSpec.grid(from: 0.5, to: 1.0, steps: 6), mnavs: [1.5])
        let map = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 30)
        #expect(map.cells.map(\.marginCall) == [7, 7, 7, 0, 0, 0])
        #expect(map.btcPrices == [50_000, 60_000, 70_000, 80_000, 90_000, 100_000].map(Double.init))
        #expect(map.marginCallPossible)
    }

    /// Common random numbers: a path from a higher start is higher every day, so the margin-call
    /// count can only fall as today's price rises, in every row; and the map is the same on one
    /// thread as on two.
    @Test func marginCallsFallWithPriceAndThreadsChangeNothing() throws {
        let spec = ProbabilityMapSpec(id: "m", name: "m", model: .gbm(drift: 0, volatility: 0.8), paths: 60, seed: 3,
                                      priceMultiples: ProbabilityMapSpec.grid(from: 0.8, to: 1.6, steps: 5), mnavs: [1.2, 2.4])
        let one = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 90, jobs: 1)
        let reports = ProgressReports()
        let two = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 90, jobs: 2,
                                            progress: { done, total in reports.add(done, total) })
        #expect(one == two)
        // Progress in paths: 0 of 10 cells × 60 paths first, then one report per block of 30 paths
        // run in every cell, ending at all 600.
        #expect(reports.values.first == .init(done: 0, total: 600))
        #expect(reports.values.count == 3 && reports.values.map(\.done).sorted() == [0, 300, 600])
        for row in 0..<2 {
            let counts = (0..<5).compactMap { one.cell(row: row, column: $0)?.marginCall }
            #expect(counts == counts.sorted(by: >), "row \(row): \(counts)")
            #expect(counts.first ?? 0 > counts.last ?? 0)
        }
        // Today: price multiple 1 (column 1); mNAV (200M + 50M) / 100M = 2.5, nearest row 2.4.
        #expect(one.todayCell?.column == 1 && one.todayCell?.row == 1)
    }

    /// Every cell runs the walks a worker drew once for all cells: each cell counts what its own
    /// Monte Carlo paths (`MonteCarloPath` from the cell's start) give one by one, for paths in
    /// more than one block and a last block part full, under each price model.
    @Test func sharedWalksCountWhatEachCellsOwnPathsGive() throws {
        let models: [MonteCarloSpec.PriceModel] = [
            .gbm(drift: 0, volatility: 0.9),
            .jumpDiffusion(drift: 0, volatility: 0.6, jumpIntensityPerDay: 0.05, jumpMean: -0.1, jumpStdDev: 0.1),
            .bootstrap(blockDays: 20, from: Fixtures.date("2018-01-01"), to: Fixtures.date("2024-12-31"), demean: true),
        ]
        let paths = 2 * ProbabilityMapRun.walksPerBlock + 7
        for priceModel in models {
            let spec = ProbabilityMapSpec(id: "m", name: "m", model: priceModel, paths: paths, seed: 5,
                                          priceMultiples: [0.8, 1.0, 1.3], mnavs: [1.2, 2.4])
            let map = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 120)
            let model = try CompiledPriceModel(priceModel)
            var seen = 0
            for cell in map.cells {
                let treasury = try #require(ProbabilityMapRun.restarted(Self.treasury, priceMultiple: cell.priceMultiple, mnav: cell.mnav))
                let simulator = TreasurySimulator(treasury: treasury, horizonDays: 120)
                var called = 0, forced = 0
                for index in 0..<paths {
                    let path = MonteCarloPath(model: model, seed: 5, index: UInt64(index), start: treasury.market.btcPrice)
                    let events = simulator.firstEvents(prices: path)
                    if events.marginCall { called += 1 }
                    if events.forcedSale { forced += 1 }
                }
                #expect(cell.marginCall == called && cell.forcedSale == forced, "\(priceModel) at \(cell.priceMultiple), \(cell.mnav)")
                seen += called
            }
            #expect(seen > 0, "\(priceModel): not vacuous")
        }
    }

    /// The cells of a price column run each walk one after the other and read the equity scale
    /// (P / P₀)^0.7 a cell before them worked out for the day (`EquityScaleMemo`), or √(P / P₀)
    /// from the table filled for the walk and column (`EquityScaleTable`: Mixed Co prefunds): each
    /// cell still counts what its own Monte Carlo paths give one by one. Mixed Co's ATM (shut
    /// below mNAV 1) and cash-or-stock dividends read the share price, so the elasticity changes
    /// the answers (not vacuous).
    @Test(arguments: [0.7, 0.5]) func aColumnsCellsShareTheirEquityScale(elasticity: Double) throws {
        func mixed(elasticity: Double) -> Treasury {
            var treasury = Fixtures.mixedTreasury()
            treasury.equity.model = .mnav(elasticity: elasticity, floor: 0.6, cap: 4)
            return treasury
        }
        let paths = ProbabilityMapRun.walksPerBlock + 5, horizon = 300
        let spec = ProbabilityMapSpec(id: "m", name: "m", model: .gbm(drift: -0.2, volatility: 1.0), paths: paths, seed: 11,
                                      priceMultiples: [0.5, 0.8, 1.2], mnavs: [1.0, 1.3, 2.5])
        let treasury = mixed(elasticity: elasticity)
        #expect((ProbabilityMapRun.scaleTableTerms([(0, TreasurySimulator(treasury: treasury, horizonDays: horizon))]) != nil)
                == (elasticity == 0.5))
        let map = try ProbabilityMapRun.run(spec, treasury: treasury, horizonDays: horizon)
        let model = try CompiledPriceModel(spec.model)
        for cell in map.cells where cell.reachable {
            let restarted = try #require(ProbabilityMapRun.restarted(treasury, priceMultiple: cell.priceMultiple, mnav: cell.mnav))
            let simulator = TreasurySimulator(treasury: restarted, horizonDays: horizon)
            var tally = ProbabilityMapRun.CellTally()
            for index in 0..<paths {
                tally.add(simulator.firstEvents(prices: MonteCarloPath(model: model, seed: 11, index: UInt64(index),
                                                                       start: restarted.market.btcPrice)))
            }
            #expect((cell.forcedSale, cell.missedPayment, cell.marginCall) == (tally.forcedSale, tally.missedPayment, tally.marginCall),
                    "at \(cell.priceMultiple), \(cell.mnav)")
        }
        #expect(map.cells.contains { $0.forcedSale > 0 && $0.forcedSale < paths })
        let other = try ProbabilityMapRun.run(spec, treasury: mixed(elasticity: 0.3), horizonDays: horizon)
        #expect(other.cells.map(\.forcedSale) != map.cells.map(\.forcedSale))
    }

    /// A walk's table holds each day's price from its column's start and the square root of that
    /// price over the start, to the bit; it answers only that price, and only paths of that start
    /// and exponent, over a horizon it holds, read it.
    @Test func theEquityScaleTableAnswersOnlyTheWalksPrice() throws {
        let walks = StoredWalks(capacity: 1, horizonDays: 20, withGrowth: true)
        walks.draw(0..<1, model: try CompiledPriceModel(.gbm(drift: 0, volatility: 0.8)), seed: 3)
        let walk = try #require(walks.grownPath(0, start: 80_000))
        let table = EquityScaleTable(horizonDays: 20)
        #expect(table.view(startPrice: 80_000, exponent: 0.5, horizonDays: 20) == nil)
        table.fill(walk, startPrice: 80_000, exponent: 0.5)
        let view = try #require(table.view(startPrice: 80_000, exponent: 0.5, horizonDays: 20))
        #expect(table.view(startPrice: 80_000, exponent: 0.5, horizonDays: 10) != nil)
        #expect(table.view(startPrice: 80_000, exponent: 0.5, horizonDays: 21) == nil)
        for day in 0...20 {
            let price = walk.price(onDay: day, atLogReturn: walk.logReturn(onDay: day))
            #expect(view.scale(day: day, price: price) == (price / 80_000).squareRoot())
            #expect(view.scale(day: day, price: price.nextUp) == nil)
        }
        #expect(table.view(startPrice: 80_000.0.nextUp, exponent: 0.5, horizonDays: 20) == nil)
        #expect(table.view(startPrice: 80_000, exponent: 1, horizonDays: 20) == nil)
        table.fill(walk, startPrice: 80_000, exponent: 1)
        let price = walk.price(onDay: 7, atLogReturn: walk.logReturn(onDay: 7))
        #expect(table.view(startPrice: 80_000, exponent: 1, horizonDays: 20)?.scale(day: 7, price: price) == price / 80_000)
    }

    /// A day's slot answers only the ratio its power was worked out for.
    @Test func theEquityScaleMemoAnswersOnlyItsOwnRatio() {
        let memo = EquityScaleMemo(horizonDays: 10)
        let slots = memo.slotsView
        nonisolated(unsafe) var worked = 0
        let power: (Double, Double) -> Double = { x, e in worked += 1; return pow(x, e) }
        #expect(slots.scale(1.21, 0.5, day: 5, power: power) == pow(1.21, 0.5) && worked == 1)
        #expect(slots.scale(1.21, 0.5, day: 5, power: power) == pow(1.21, 0.5) && worked == 1)
        // Another ratio the same day, and the same ratio another day, are worked out.
        #expect(slots.scale(1.44, 0.5, day: 5, power: power) == 1.2 && worked == 2)
        #expect(slots.scale(1.44, 0.5, day: 6, power: power) == 1.2 && worked == 3)
        #expect(slots.scale(1.44, 0.5, day: 5, power: power) == 1.2 && worked == 3)
        // Days past the horizon share the last day's slot; a NaN ratio is never answered.
        #expect(slots.scale(4, 0.5, day: 99, power: power) == 2 && worked == 4)
        #expect(slots.scale(4, 0.5, day: 10, power: power) == 2 && worked == 4)
        #expect(slots.scale(.nan, 0.5, day: 3, power: power).isNaN && worked == 5)
        #expect(slots.scale(.nan, 0.5, day: 3, power: power).isNaN && worked == 6)
    }

    /// A map too big to hold every cell's simulator at once runs a group of cells at a time: the
    /// same map as in one group, and progress still ends at every path of every cell.
    @Test func cellsRunAGroupAtATime() throws {
        let spec = ProbabilityMapSpec(id: "m", name: "m", model: .gbm(drift: 0, volatility: 0.8), paths: 45, seed: 3,
                                      priceMultiples: ProbabilityMapSpec.grid(from: 0.4, to: 1.6, steps: 5), mnavs: [0.9, 1.2, 2.4])
        let whole = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 90, jobs: 2, cellsPerGroup: 15, progress: nil)
        let reports = ProgressReports()
        let grouped = try ProbabilityMapRun.run(spec, treasury: Self.treasury, horizonDays: 90, jobs: 2, cellsPerGroup: 4,
                                                progress: { done, total in reports.add(done, total) })
        #expect(grouped == whole)
        #expect(grouped.cells.contains { !$0.reachable } && grouped.cells.contains { $0.marginCall > 0 })
        #expect(reports.values.map(\.done).max() == 15 * 45 && reports.values.allSatisfy { $0.total == 15 * 45 })
    }

    /// A stored walk is the path it was drawn from, to the bit: the same log price every day and
    /// the same price from any start, whether its `exp` is worked out when a day is priced or
    /// drawn with the walk (the map's).
    @Test(arguments: [false, true]) func aStoredWalkIsItsPath(withGrowth: Bool) throws {
        let model = try CompiledPriceModel(.jumpDiffusion(drift: 0.1, volatility: 0.7, jumpIntensityPerDay: 0.1, jumpMean: -0.05, jumpStdDev: 0.2))
        let walks = StoredWalks(capacity: 4, horizonDays: 200, withGrowth: withGrowth)
        walks.draw(10..<14, model: model, seed: 77)
        #expect(walks.count == 4)
        #expect((walks.grownPath(0, start: 1) != nil) == withGrowth)
        for k in 0..<4 {
            var path = MonteCarloPath(model: model, seed: 77, index: UInt64(10 + k), start: 123_456.7)
            let stored = walks.path(k, start: 123_456.7)
            let grown = walks.grownPath(k, start: 123_456.7)
            for day in 0...200 {
                let price = path.price(onDay: day, after: nil)
                #expect(stored.logReturn(onDay: day).bitPattern == path.logReturn.bitPattern, "walk \(k) day \(day)")
                #expect(stored.price(onDay: day, atLogReturn: stored.logReturn(onDay: day)).bitPattern == price.bitPattern, "walk \(k) day \(day)")
                if let grown {
                    #expect(grown.logReturn(onDay: day).bitPattern == path.logReturn.bitPattern, "walk \(k) day \(day)")
                    #expect(grown.price(onDay: day, atLogReturn: grown.logReturn(onDay: day)).bitPattern == price.bitPattern,
                            "walk \(k) day \(day)")
                    #expect(grown.price(onDay: day, after: nil).bitPattern == price.bitPattern, "walk \(k) day \(day)")
                }
            }
        }
    }

    /// A cell's path stops on the day its forced sale, missed payment and margin call are all
    /// known; what it reports is what the whole run would have, path by path, for a treasury that
    /// can be margin-called and for one that cannot (so the stop comes at the first day both
    /// others are known).
    @Test func stoppingEarlyAnswersAsTheWholeRun() throws {
        // No loan: 1,000 BTC and no cash against a $120M note repaid in cash in six months, so
        // BTC is sold on every path and the payment is missed where BTC is below about $120,600.
        let noLoan = Fixtures.cashNoteTreasury(name: "Note Co", bitcoin: 1_000, principal: 120e6)
        // Map Co with 5 % interest paid from 10 free BTC: missed where BTC falls far enough.
        var loan = Self.treasury
        loan.holdings.bitcoinUnits = 1_010
        loan.loans[0].rate = 0.05
        for treasury in [loan, noLoan] {
            let simulator = TreasurySimulator(treasury: treasury, horizonDays: 365)
            let model = try CompiledPriceModel(.gbm(drift: -0.5, volatility: 1.2))
            var seen = (forced: 0, missed: 0, called: 0)
            for index in 0..<300 {
                let path = MonteCarloPath(model: model, seed: 9, index: UInt64(index), start: treasury.market.btcPrice)
                let whole = simulator.run(prices: path, recordEvents: false, recordSeries: false)
                let early = simulator.firstEvents(prices: path)
                #expect(early.forcedSale == (whole.firstForcedSaleDay != nil), "path \(index)")
                #expect(early.missedPayment == (whole.firstDefaultDay != nil), "path \(index)")
                #expect(early.marginCall == whole.triggerDays.keys.contains { $0.kind == .marginCall }, "path \(index)")
                if early.forcedSale { seen.forced += 1 }
                if early.missedPayment { seen.missed += 1 }
                if early.marginCall { seen.called += 1 }
            }
            // Not vacuous: each event happens on some paths and not on others.
            #expect(seen.forced > 0, "\(treasury.name): \(seen)")
            #expect(seen.missed > 0 && seen.missed < 300, "\(treasury.name): \(seen)")
            #expect(treasury.loans.isEmpty ? seen.called == 0 : seen.called > 0 && seen.called < 300, "\(treasury.name): \(seen)")
        }
    }

    /// The map does not test covenants that only report (they change none of its three answers)
    /// but does test one that accelerates: its answers are the whole run's, and the accelerating
    /// covenant changes them on some paths.
    @Test func theMapWatchesTheCovenantsThatAct() throws {
        // Note Co ($120M note due in six months, 1,000 BTC at $100,000: leverage 1.2) with an
        // mNAV floor of 5 that reports a breach on day 0, and a leverage limit of 2 that
        // accelerates the note (BTC below $60,000): then the note falls due at once, against at
        // most $60M of BTC, and is missed on paths that would have recovered by the maturity.
        var treasury = Fixtures.cashNoteTreasury(name: "Note Co", bitcoin: 1_000, principal: 120e6)
        treasury.covenants = [
            Covenant(id: "mnav-floor", metric: .mnav, minimum: 5),
            Covenant(id: "leverage", metric: .leverage, maximum: 2, consequence: .accelerate, accelerates: ["cb"]),
        ]
        var reportingOnly = treasury
        reportingOnly.covenants.removeLast()
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: 365)
        let withoutLimit = TreasurySimulator(treasury: reportingOnly, horizonDays: 365)
        let model = try CompiledPriceModel(.gbm(drift: -0.5, volatility: 1.2))
        var changed = 0
        for index in 0..<300 {
            let path = MonteCarloPath(model: model, seed: 9, index: UInt64(index), start: 100_000)
            let whole = simulator.run(prices: path, recordEvents: false, recordSeries: false)
            #expect(whole.triggerDays[Trigger(kind: .covenantBreach, ref: "mnav-floor")] == 0)
            let early = simulator.firstEvents(prices: path)
            #expect(early.forcedSale == (whole.firstForcedSaleDay != nil), "path \(index)")
            #expect(early.missedPayment == (whole.firstDefaultDay != nil), "path \(index)")
            if withoutLimit.firstEvents(prices: path).missedPayment != early.missedPayment { changed += 1 }
        }
        #expect(changed > 0)
    }
}

/// Progress reports collected from worker threads.
final class ProgressReports: @unchecked Sendable {
    struct Report: Equatable {
        let done: Int
        let total: Int
    }

    private var storage: [Report] = []
    private let lock = NSLock()

    func add(_ done: Int, _ total: Int) {
        lock.lock()
        storage.append(Report(done: done, total: total))
        lock.unlock()
    }

    var values: [Report] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
