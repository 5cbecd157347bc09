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

    /// Runs `spec` for `treasury` over `horizonDays`, cells in parallel on up to `jobs` threads
    /// (the result does not depend on it).
    ///
    /// - Parameter progress: called from worker threads with (paths done, paths in all cells); a
    ///   cell no share price reaches counts as done at once.
    public static func run(_ spec: ProbabilityMapSpec, treasury: Treasury, horizonDays: Int,
                           jobs: Int? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(InputError) -> ProbabilityMap {
        let model = try CompiledPriceModel(spec.model, location: spec.location)
        let columns = spec.priceMultiples, rows = spec.mnavs
        let count = columns.count * rows.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = max(1, min(jobs ?? cores, cores))
        // Each cell's simulator, nil for a cell no share price reaches (built in parallel: a
        // prefunding treasury's takes a path of the horizon to build).
        let built = LockedArray<TreasurySimulator?>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { worker in
            for k in stride(from: worker, to: count, by: min(threads, count)) {
                let multiple = columns[k % columns.count], mnav = rows[k / columns.count]
                built.set(k, restarted(treasury, priceMultiple: multiple, mnav: mnav).map { TreasurySimulator(treasury: $0, horizonDays: horizonDays) })
            }
        }
        let simulators = built.values
        let marginCallPossible = !treasury.loans.isEmpty || treasury.convertibleNotes.contains { $0.security != nil }
        let reachable = simulators.indices.filter { simulators[$0] != nil }
        // Blocks small enough that every thread has one.
        let walksPerBlock = max(1, min(Self.walksPerBlock, (spec.paths + threads - 1) / threads))
        let blocks = (spec.paths + walksPerBlock - 1) / walksPerBlock
        let workers = min(threads, blocks)
        // Each worker draws a block of paths' walks once and runs every cell on them (the walk is a
        // sixth to a third of a cell's work, and it is the same in every cell); blocks go to
        // whichever worker is free, and counts add, so the map does not depend on the split.
        let tallies = LockedArray<[CellTally]>(count: workers)
        let taken = LockedCounter(), done = LockedCounter()
        let total = count * spec.paths
        progress?(0, total)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = Array(repeating: CellTally(), count: count)
            let walks = StoredWalks(capacity: walksPerBlock, horizonDays: horizonDays)
            while true {
                let b = taken.add(1) - 1
                guard b < blocks else { break }
                let paths = b * walksPerBlock..<min(spec.paths, (b + 1) * walksPerBlock)
                walks.draw(paths, model: model, seed: spec.seed)
                for k in reachable {
                    guard let simulator = simulators[k] else { continue }
                    let start = simulator.treasury.market.btcPrice
                    for w in 0..<walks.count { tally[k].add(simulator.firstEvents(prices: walks.path(w, start: start))) }
                }
                progress?(done.add(paths.count * count), total)
            }
            tallies.set(worker, tally)
        }
        let sums = tallies.values.reduce(into: Array(repeating: CellTally(), count: count)) { sums, tally in
            for k in sums.indices { sums[k].add(tally[k]) }
        }
        let results = simulators.indices.map { k in
            ProbabilityCell(priceMultiple: columns[k % columns.count], mnav: rows[k / columns.count], reachable: simulators[k] != nil,
                            forcedSale: sums[k].forcedSale, missedPayment: sums[k].missedPayment, marginCall: sums[k].marginCall)
        }
        let today = TreasurySimulator(treasury: treasury, horizonDays: 0).startMNAV
        return ProbabilityMap(id: spec.id, name: spec.name, priceModel: spec.model, paths: spec.paths, seed: spec.seed,
                              priceMultiples: columns, btcPrices: columns.map { $0 * treasury.market.btcPrice }, mnavs: rows,
                              todayMNAV: today, marginCallPossible: marginCallPossible, cells: results)
    }

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
