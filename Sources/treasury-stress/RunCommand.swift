import ArgumentParser
import StressReports
import TreasuryStressKit
import Foundation

/// `run TREASURY.xml`: the stress report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario set (the built-in set by default) on a treasury and write the report.")

    @Argument(help: "The treasury XML file.")
    var treasury: String

    @Option(help: "A scenario-set XML file (default: the built-in standard set; see `scenarios`).")
    var scenarios: String?

    @Option(help: "Folder for the reports.")
    var out: String = "reports"

    @Option(help: "Comma-separated output formats: xml, html.")
    var format: String = "xml,html"

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones (copy templates/ to start).")
    var templates: String?

    @Option(help: "Monte Carlo paths for every Monte Carlo run of the set (adds the built-in GBM run to a set without one).")
    var paths: Int?

    @Option(help: "Monte Carlo seed for every Monte Carlo run (results depend only on the seed and the path count).")
    var seed: UInt64?

    @Option(help: "Worker threads for Monte Carlo (default: all cores); the report is the same for any value.")
    var jobs: Int?

    func validate() throws {
        _ = try formats()
        if let paths, !(1...10_000_000).contains(paths) { throw ValidationError("--paths must be between 1 and 10,000,000") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func formats() throws -> Set<StressCommandRunner.Format> {
        var result = Set<StressCommandRunner.Format>()
        for word in format.split(separator: ",") {
            guard let value = StressCommandRunner.Format(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--format: \"\(word)\" is not xml or html")
            }
            result.insert(value)
        }
        if result.isEmpty { throw ValidationError("--format: give xml, html or both") }
        return result
    }

    func run() throws {
        do {
            let renderer = try renderer(templates: templates)
            let output = try StressCommandRunner.run(
                treasuryPath: treasury, scenariosPath: scenarios, outDirectory: out, formats: try formats(),
                renderer: renderer,
                monteCarlo: .init(paths: paths, seed: seed, jobs: jobs, progress: terminalMonteCarloProgress),
                progress: terminalProgress)
            for path in output.written { print("wrote \(path)") }
        } catch let error as ToolError {
            throw fail(error)
        }
    }
}
