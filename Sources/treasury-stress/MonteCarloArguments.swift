import ArgumentParser
import TreasuryStressKit
import TreasuryModel

/// The Monte Carlo options `run` and `compare` share.
struct MonteCarloArguments: ParsableArguments {
    @Option(help: "Monte Carlo paths for every Monte Carlo run of the set (adds the built-in GBM run to a set without one).")
    var paths: Int?

    @Option(help: "Monte Carlo seed for every Monte Carlo run (results depend only on the seed and the path count).")
    var seed: UInt64?

    @Option(help: "Paths per cell of the scenario set's probability map (default: the set's; the built-in set's is \(StandardScenarios.probabilityMapPaths)).")
    var mapPaths: Int?

    @Option(help: "Worker threads for Monte Carlo (default: all cores); the output is the same for any value.")
    var jobs: Int?

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones (copy templates/ to start).")
    var templates: String?

    func validate() throws {
        if let paths, !(1...10_000_000).contains(paths) { throw ValidationError("--paths must be between 1 and 10,000,000") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let mapPaths, !(1...100_000).contains(mapPaths) { throw ValidationError("--map-paths must be between 1 and 100,000") }
    }

    /// The options for the library, with terminal progress.
    var options: ReportCommands.MonteCarloOptions {
        .init(paths: paths, seed: seed, jobs: jobs, mapPaths: mapPaths, progress: terminalMonteCarloProgress)
    }
}
