/// The probability map (issue 10): the chance of a forced sale, a missed payment and a margin
/// call within the horizon over a grid of today's BTC price × today's mNAV, each cell simulated on
/// the same random paths (common random numbers) so the map is smooth and neighbouring cells differ
/// only by where they start.
public struct ProbabilityMapSpec: Sendable, Equatable, Identifiable {
    /// Identifier (for example "map").
    public var id: String
    /// Display name.
    public var name: String
    /// The price model of the paths.
    public var model: MonteCarloSpec.PriceModel
    /// Paths per cell.
    public var paths: Int
    /// Seed of the random stream, shared by every cell.
    public var seed: UInt64
    /// Today's BTC price in each column, as multiples of the treasury's (0.4 = 40 % of today), rising.
    public var priceMultiples: [Double]
    /// Today's mNAV in each row, rising.
    public var mnavs: [Double]
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a map.
    public init(id: String, name: String, model: MonteCarloSpec.PriceModel, paths: Int, seed: UInt64,
                priceMultiples: [Double], mnavs: [Double], location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.model = model
        self.paths = paths
        self.seed = seed
        self.priceMultiples = priceMultiples
        self.mnavs = mnavs
        self.location = location
    }

    /// `steps` evenly spaced values from `from` to `to` (both included).
    public static func grid(from: Double, to: Double, steps: Int) -> [Double] {
        guard steps > 1 else { return [from] }
        return (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
    }

    /// The same paths as a Monte Carlo run (cell runs share its random stream).
    public var monteCarlo: MonteCarloSpec {
        MonteCarloSpec(id: id, name: name, model: model, paths: paths, seed: seed, location: location)
    }

    /// Equal terms, wherever they are declared.
    public static func == (lhs: ProbabilityMapSpec, rhs: ProbabilityMapSpec) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.model == rhs.model && lhs.paths == rhs.paths && lhs.seed == rhs.seed
            && lhs.priceMultiples == rhs.priceMultiples && lhs.mnavs == rhs.mnavs
    }
}
