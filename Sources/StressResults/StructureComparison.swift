/// Several debt structures (treasury files or variants of a base) run through one scenario set,
/// for side-by-side reading.
public struct StructureComparison: Sendable {
    /// One structure: its name, where it came from and its full report.
    public struct Structure: Sendable {
        /// Identifier and display name of the structure.
        public var id: String
        public var name: String
        /// The file, or `BASE.xml variant ID`.
        public var source: String
        /// SHA-256 of the treasury XML simulated.
        public var sha256: String
        /// Its whole stress report on the shared scenario set.
        public var report: StressReport
        /// Creates a structure.
        public init(id: String, name: String, source: String, sha256: String, report: StressReport) {
            self.id = id
            self.name = name
            self.source = source
            self.sha256 = sha256
            self.report = report
        }
    }

    /// The structures, in input order (base first).
    public var structures: [Structure]

    /// Creates a comparison.
    public init(structures: [Structure]) { self.structures = structures }

    /// The scenario whose BTC held the chart overlays: where some structure sells the most BTC.
    public var chartScenario: String {
        guard let first = structures.first?.report.scenarios.first else { return "" }
        var best = (id: first.id, sold: -1.0)
        for (index, scenario) in (structures.first?.report.scenarios ?? []).enumerated() {
            let sold = structures.map { $0.report.scenarios.indices.contains(index) ? $0.report.scenarios[index].btcSold : 0 }.max() ?? 0
            if sold > best.sold { best = (scenario.id, sold) }
        }
        return best.id
    }
}
