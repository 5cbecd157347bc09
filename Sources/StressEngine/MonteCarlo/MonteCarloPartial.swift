
/// One shard of a Monte Carlo run: the per-path summaries of a contiguous range of path indices,
/// how many of those paths fired each trigger, and the fan histograms' counts over those paths.
/// Path i depends only on (seed, i), and counts add, so shards that cover every path merge into
/// exactly the run made in one process (`run --paths-shard K/N`, then `merge-paths`).
public struct MonteCarloPartial: Sendable, Equatable {
    /// What one path leaves behind for the quantiles: BTC sold (BTC), dilution (fraction), BTC per
    /// share at the end (BTC), lowest liquidity (USD) and the first forced sale's day
    /// (`Double(Int.max)` when none). The triggers it fired are counted per run, not kept per path.
    public struct PathSummary: Sendable, Equatable {
        public var btcSold = 0.0
        public var dilution = 0.0
        public var btcPerShareEnd = 0.0
        public var minLiquidity = 0.0
        public var firstForcedSaleDay = 0.0

        /// A summary from its five fields.
        public init(btcSold: Double = 0, dilution: Double = 0, btcPerShareEnd: Double = 0, minLiquidity: Double = 0,
                    firstForcedSaleDay: Double = 0) {
            self.btcSold = btcSold
            self.dilution = dilution
            self.btcPerShareEnd = btcPerShareEnd
            self.minLiquidity = minLiquidity
            self.firstForcedSaleDay = firstForcedSaleDay
        }
    }

    /// The run's id in the scenario set.
    public var specID: String
    /// Paths in the whole run.
    public var totalPaths: Int
    /// The path indices this shard holds.
    public var range: Range<Int>
    /// One summary per path of `range`, in index order.
    public var summaries: [PathSummary]
    /// Per `TreasurySimulator.possibleTriggers` entry, how many of this shard's paths fired it.
    public var triggerCounts: [Int]
    /// Fan histogram counts (BTC price, BTC held, highest LTV), bin-major, each bins × fan days.
    public var priceCounts: [UInt32]
    public var heldCounts: [UInt32]
    public var ltvCounts: [UInt32]

    /// A shard from its parts.
    public init(specID: String, totalPaths: Int, range: Range<Int>, summaries: [PathSummary], triggerCounts: [Int],
                priceCounts: [UInt32], heldCounts: [UInt32], ltvCounts: [UInt32]) {
        self.specID = specID
        self.totalPaths = totalPaths
        self.range = range
        self.summaries = summaries
        self.triggerCounts = triggerCounts
        self.priceCounts = priceCounts
        self.heldCounts = heldCounts
        self.ltvCounts = ltvCounts
    }

    /// Shard `k` (0-based) of `n`: paths ⌊k·P/n⌋ ..< ⌊(k+1)·P/n⌋.
    public static func range(shard k: Int, of n: Int, paths: Int) -> Range<Int> {
        let lower = Int((Int64(paths) * Int64(k)) / Int64(max(1, n)))
        let upper = Int((Int64(paths) * Int64(k + 1)) / Int64(max(1, n)))
        return lower..<max(lower, upper)
    }
}
