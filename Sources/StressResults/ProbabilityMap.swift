public import TreasuryModel

/// The probability map for the report (issue 10): over a grid of today's BTC price (columns) ×
/// today's mNAV (rows), how many of the same random paths give a forced sale, a missed payment
/// and a margin call within the horizon.
public struct ProbabilityMap: Sendable, Equatable {
    /// Identifier and name of the map.
    public var id: String
    public var name: String
    /// The price model of the paths.
    public var priceModel: MonteCarloSpec.PriceModel
    /// Paths per cell and the seed every cell shares.
    public var paths: Int
    public var seed: UInt64
    /// Each column's BTC price as a multiple of today's, and in USD.
    public var priceMultiples: [Double]
    public var btcPrices: [Double]
    /// Each row's mNAV.
    public var mnavs: [Double]
    /// Today's mNAV (the treasury's own), for marking today's cell.
    public var todayMNAV: Double
    /// Whether the treasury can get a margin call at all (it has BTC-backed loans or secured notes).
    public var marginCallPossible: Bool
    /// The cells, row by row (mNAV rising), each row by column (price rising).
    public var cells: [ProbabilityCell]

    /// Creates a map.
    public init(id: String, name: String, priceModel: MonteCarloSpec.PriceModel, paths: Int, seed: UInt64,
                priceMultiples: [Double], btcPrices: [Double], mnavs: [Double], todayMNAV: Double,
                marginCallPossible: Bool, cells: [ProbabilityCell]) {
        self.id = id
        self.name = name
        self.priceModel = priceModel
        self.paths = paths
        self.seed = seed
        self.priceMultiples = priceMultiples
        self.btcPrices = btcPrices
        self.mnavs = mnavs
        self.todayMNAV = todayMNAV
        self.marginCallPossible = marginCallPossible
        self.cells = cells
    }

    /// The cell at row `row` (mNAV) and column `column` (price), if the grid has it.
    public func cell(row: Int, column: Int) -> ProbabilityCell? {
        let k = row * priceMultiples.count + column
        return cells.indices.contains(k) && priceMultiples.indices.contains(column) ? cells[k] : nil
    }

    /// Today's cell: the column nearest today's price (a multiple of 1) and the row nearest today's mNAV.
    public var todayCell: (row: Int, column: Int)? {
        guard let column = priceMultiples.indices.min(by: { abs(priceMultiples[$0] - 1) < abs(priceMultiples[$1] - 1) }),
              let row = mnavs.indices.min(by: { abs(mnavs[$0] - todayMNAV) < abs(mnavs[$1] - todayMNAV) }) else { return nil }
        return (row, column)
    }
}

/// One cell of the probability map: counts of paths (of the map's `paths`) on which each event
/// happened within the horizon.
public struct ProbabilityCell: Sendable, Equatable {
    /// The cell's starting point.
    public var priceMultiple: Double
    public var mnav: Double
    /// False when the equity would be worth nothing at this mNAV (claims exceed mNAV × BTC NAV):
    /// no share price gives it, and nothing is simulated.
    public var reachable: Bool
    /// Paths with a forced sale (BTC or fund shares sold to pay), a missed payment, a margin call.
    public var forcedSale: Int
    public var missedPayment: Int
    public var marginCall: Int

    /// Creates a cell.
    public init(priceMultiple: Double, mnav: Double, reachable: Bool, forcedSale: Int, missedPayment: Int, marginCall: Int) {
        self.priceMultiple = priceMultiple
        self.mnav = mnav
        self.reachable = reachable
        self.forcedSale = forcedSale
        self.missedPayment = missedPayment
        self.marginCall = marginCall
    }
}
