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
        let results = LockedArray<ProbabilityCell>(count: count)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(jobs ?? cores, cores, count))
        let marginCallPossible = !treasury.loans.isEmpty || treasury.convertibleNotes.contains { $0.security != nil }
        // Each worker takes the next cell when it is free: grey cells finish at once, and a fixed
        // split left one thread idle while the other ran the reachable rows.
        let taken = LockedCounter(), done = LockedCounter()
        let total = count * spec.paths
        progress?(0, total)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = taken.add(1) - 1
                guard k < count else { break }
                let multiple = columns[k % columns.count], mnav = rows[k / columns.count]
                results.set(k, cell(treasury, multiple: multiple, mnav: mnav, model: model, spec: spec, horizonDays: horizonDays))
                let finished = done.add(spec.paths)
                progress?(finished, total)
            }
        }
        let today = TreasurySimulator(treasury: treasury, horizonDays: 0).startMNAV
        return ProbabilityMap(id: spec.id, name: spec.name, priceModel: spec.model, paths: spec.paths, seed: spec.seed,
                              priceMultiples: columns, btcPrices: columns.map { $0 * treasury.market.btcPrice }, mnavs: rows,
                              todayMNAV: today, marginCallPossible: marginCallPossible, cells: results.values)
    }

    /// One cell: every path from the restarted treasury.
    static func cell(_ treasury: Treasury, multiple: Double, mnav: Double, model: CompiledPriceModel,
                     spec: ProbabilityMapSpec, horizonDays: Int) -> ProbabilityCell {
        guard let restarted = restarted(treasury, priceMultiple: multiple, mnav: mnav) else {
            return ProbabilityCell(priceMultiple: multiple, mnav: mnav, reachable: false, forcedSale: 0, missedPayment: 0, marginCall: 0)
        }
        let simulator = TreasurySimulator(treasury: restarted, horizonDays: horizonDays)
        let start = restarted.market.btcPrice
        var forced = 0, missed = 0, called = 0
        for index in 0..<spec.paths {
            let path = MonteCarloPath(model: model, seed: spec.seed, index: UInt64(index), start: start)
            let events = simulator.firstEvents(prices: path)
            if events.forcedSale { forced += 1 }
            if events.missedPayment { missed += 1 }
            if events.marginCall { called += 1 }
        }
        return ProbabilityCell(priceMultiple: multiple, mnav: mnav, reachable: true, forcedSale: forced, missedPayment: missed,
                               marginCall: called)
    }
}
