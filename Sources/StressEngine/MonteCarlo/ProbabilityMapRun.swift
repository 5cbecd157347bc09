public import TreasuryModel
public import StressResults
import Foundation

/// Runs the probability map (issue 10): each cell is the treasury restarted at that BTC price and
/// mNAV (the share price that gives the mNAV on today's balance sheet), run on the same random
/// paths as every other cell (common random numbers: path i's log returns depend only on the seed
/// and i), so neighbouring cells differ only by where they start and the map is smooth.
public enum ProbabilityMapRun {
    /// The treasury as it would stand at `priceMultiple` × today's BTC price and an mNAV of `mnav`;
    /// nil when no positive share price gives that mNAV (claims exceed mNAV × BTC NAV).
    public static func restarted(_ treasury: Treasury, priceMultiple: Double, mnav: Double) -> Treasury? {
        var cell = treasury
        cell.market.btcPrice = treasury.market.btcPrice * priceMultiple
        let nav = TreasurySimulator.startNAV(cell)
        let cash = cell.holdings.cashUSD + cell.holdings.reserve.usd
        let equity = mnav * nav - cell.debtUSD - cell.preferredUSD + cash
        guard equity > 0, cell.equity.sharesOutstanding > 0 else { return nil }
        cell.equity.sharePrice = equity / cell.equity.sharesOutstanding
        return cell
    }

    /// Runs `spec` for `treasury` over `horizonDays`, blocks of paths in parallel on up to `jobs`
    /// threads, each through every cell (the result does not depend on it).
    ///
    /// - Parameter progress: called from worker threads with (paths done, paths in all cells); a
    ///   cell no share price reaches counts as done at once.
    public static func run(_ spec: ProbabilityMapSpec, treasury: Treasury, horizonDays: Int,
                           jobs: Int? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputError) -> ProbabilityMap {
        try run(spec, treasury: treasury, horizonDays: horizonDays, jobs: jobs, cellsPerGroup: cellsPerGroup, progress: progress)
    }

    /// `run`, holding the simulators of at most `cellsPerGroup` cells at once.
    static func run(_ spec: ProbabilityMapSpec, treasury: Treasury, horizonDays: Int, jobs: Int?, cellsPerGroup: Int,
                    progress: (@Sendable (Int, Int) -> Void)?) throws(InputError) -> ProbabilityMap {
        let cellsPerGroup = max(1, cellsPerGroup)
        let model = try CompiledPriceModel(spec.model, location: spec.location)
        let columns = spec.priceMultiples, rows = spec.mnavs
        let count = columns.count * rows.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = max(1, min(jobs ?? cores, cores))
        let marginCallPossible = !treasury.loans.isEmpty || treasury.convertibleNotes.contains { $0.security != nil }
        var sums = Array(repeating: CellTally(), count: count)
        var reachable = Array(repeating: false, count: count)
        let done = LockedCounter()
        progress?(0, count * spec.paths)
        // Cells a group at a time: a simulator holds tables over the horizon, and a 40 × 40 map
        // over ten years held all 1,600 at once (160 MB); the walks are drawn once per group.
        for group in stride(from: 0, to: count, by: cellsPerGroup).map({ $0..<min(count, $0 + cellsPerGroup) }) {
            let simulators = simulators(for: group, treasury: treasury, columns: columns, rows: rows,
                                        horizonDays: horizonDays, threads: threads)
            for (k, simulator) in zip(group, simulators) { reachable[k] = simulator != nil }
            let tallies = run(simulators, paths: spec.paths, model: model, seed: spec.seed, horizonDays: horizonDays,
                              threads: threads) { paths in progress?(done.add(paths * group.count), count * spec.paths) }
            for (k, tally) in zip(group, tallies) { sums[k].add(tally) }
        }
        let results = (0..<count).map { k in
            ProbabilityCell(priceMultiple: columns[k % columns.count], mnav: rows[k / columns.count], reachable: reachable[k],
                            forcedSale: sums[k].forcedSale, missedPayment: sums[k].missedPayment, marginCall: sums[k].marginCall)
        }
        let today = TreasurySimulator(treasury: treasury, horizonDays: 0).startMNAV
        return ProbabilityMap(id: spec.id, name: spec.name, priceModel: spec.model, paths: spec.paths, seed: spec.seed,
                              priceMultiples: columns, btcPrices: columns.map { $0 * treasury.market.btcPrice }, mnavs: rows,
                              todayMNAV: today, marginCallPossible: marginCallPossible, cells: results)
    }

    /// The simulators of cells `group` (index = row × columns + column), nil for a cell no share
    /// price reaches; built in parallel (a prefunding treasury's takes a path of the horizon).
    static func simulators(for group: Range<Int>, treasury: Treasury, columns: [Double], rows: [Double],
                           horizonDays: Int, threads: Int) -> [TreasurySimulator?] {
        let built = LockedArray<TreasurySimulator?>(count: group.count)
        let workers = max(1, min(threads, group.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for offset in stride(from: worker, to: group.count, by: workers) {
                let k = group.lowerBound + offset
                let multiple = columns[k % columns.count], mnav = rows[k / columns.count]
                built.set(offset, restarted(treasury, priceMultiple: multiple, mnav: mnav).map {
                    TreasurySimulator(treasury: $0, horizonDays: horizonDays)
                })
            }
        }
        return built.values
    }

    /// Runs paths 0..<`paths` on every simulator given (nil: skipped) on up to `threads` threads;
    /// each simulator's tally, in order. `finished` is called with the paths of each block done.
    ///
    /// Each worker draws a block of paths' walks once, with each day's e^walk, and runs every cell
    /// on them (the walk is a sixth to a third of a cell's work and the `exp` of a priced day up to
    /// a tenth, and both are the same in every cell). A walk runs through one price column's
    /// cells in turn, which read the day's equity scale a cell before them worked out
    /// (`EquityScaleMemo`: the same ratio P / P₀ in the whole column), or, for a prefunding
    /// treasury whose power is x, √x or 1, from the table filled for the walk and column before
    /// its cells run (`EquityScaleTable`). Blocks go to whichever worker is free, and counts add,
    /// so the tallies do not depend on the split.
    static func run(_ simulators: [TreasurySimulator?], paths: Int, model: CompiledPriceModel, seed: UInt64,
                    horizonDays: Int, threads: Int, finished: @escaping @Sendable (Int) -> Void) -> [CellTally] {
        // Blocks small enough that every thread has one.
        let walksPerBlock = max(1, min(Self.walksPerBlock, (paths + threads - 1) / threads))
        let blocks = (paths + walksPerBlock - 1) / walksPerBlock
        let workers = max(1, min(threads, blocks))
        let tallies = LockedArray<[CellTally]>(count: workers)
        let taken = LockedCounter()
        let columns = priceColumns(simulators)
        let tableTerms = columns.map { scaleTableTerms($0.cells) }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = Array(repeating: CellTally(), count: simulators.count)
            let walks = StoredWalks(capacity: walksPerBlock, horizonDays: horizonDays, withGrowth: true)
            let memo = EquityScaleMemo(horizonDays: horizonDays)
            var buffers = PathBuffers()
            buffers.equityScales = memo.slotsView
            let table = EquityScaleTable(horizonDays: horizonDays)
            buffers.equityScaleTable = table
            while true {
                let b = taken.add(1) - 1
                guard b < blocks else { break }
                let block = b * walksPerBlock..<min(paths, (b + 1) * walksPerBlock)
                walks.draw(block, model: model, seed: seed)
                // A walk runs through a column's cells one after the other, which share its
                // equity scale day by day (a memo's slot left by another walk or column holds
                // another ratio: it is worked out again; the table is filled for each).
                for (column, terms) in zip(columns, tableTerms) {
                    for w in 0..<walks.count {
                        guard let walk = walks.grownPath(w, start: column.start) else { continue }
                        if let terms { table.fill(walk, startPrice: terms.startPrice, exponent: terms.exponent) }
                        for (k, simulator) in column.cells {
                            tally[k].add(simulator.firstEvents(prices: walk, buffers: &buffers))
                        }
                    }
                }
                finished(block.count)
            }
            tallies.set(worker, tally)
        }
        return tallies.values.reduce(into: Array(repeating: CellTally(), count: simulators.count)) { sums, tally in
            for k in sums.indices { sums[k].add(tally[k]) }
        }
    }

    /// The starting price (USD) and the mNAV model's elasticity a column's cells share (one
    /// treasury restarted at one price), for the walk's `EquityScaleTable`, where a path prices its
    /// equity on most days (prefunding windows: lean days) and the power is x, √x or 1; nil
    /// elsewhere (a treasury that prices few days would fill the table for nothing; one whose
    /// power takes `pow` shares `EquityScaleMemo`).
    static func scaleTableTerms(_ cells: [(Int, TreasurySimulator)]) -> (startPrice: Double, exponent: Double)? {
        guard let simulator = cells.first?.1, simulator.equityBeta == nil,
              !SimulatedTreasury.powerTakesPow(simulator.equityElasticity),
              simulator.quietCalendar.contains(where: { $0.prefunds }) else { return nil }
        return (simulator.startPrice, simulator.equityElasticity)
    }

    /// The cells given (by index into `simulators`; nil: left out) by the BTC price they start at,
    /// in order of first appearance: the map's price columns.
    static func priceColumns(_ simulators: [TreasurySimulator?]) -> [(start: Double, cells: [(Int, TreasurySimulator)])] {
        var columns: [(start: Double, cells: [(Int, TreasurySimulator)])] = []
        for (k, simulator) in simulators.enumerated() {
            guard let simulator else { continue }
            let start = simulator.treasury.market.btcPrice
            if let c = columns.firstIndex(where: { $0.start.bitPattern == start.bitPattern }) {
                columns[c].cells.append((k, simulator))
            } else {
                columns.append((start, [(k, simulator)]))
            }
        }
        return columns
    }

    /// Cells whose simulators are held at once, at most (the built-in 13 × 9 map in one group).
    static let cellsPerGroup = 128

    /// Paths whose walks a worker draws at a time, at most (30 walks of two years: 175 KB, within
    /// the cache).
    static let walksPerBlock = 30

    /// How many of a cell's paths had a forced sale, a missed payment and a margin call.
    struct CellTally {
        var forcedSale = 0, missedPayment = 0, marginCall = 0

        mutating func add(_ events: (forcedSale: Bool, missedPayment: Bool, marginCall: Bool)) {
            if events.forcedSale { forcedSale += 1 }
            if events.missedPayment { missedPayment += 1 }
            if events.marginCall { marginCall += 1 }
        }

        mutating func add(_ other: CellTally) {
            forcedSale += other.forcedSale
            missedPayment += other.missedPayment
            marginCall += other.marginCall
        }
    }
}
