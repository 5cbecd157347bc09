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

    @Option(help: "Comma-separated output formats: xml, html, pdf (the board report through headless Chromium), csv (one file per table), json (the whole report).")
    var format: String = "xml,html"

    @Option(help: "A system file: add \"if the others sell too\", the treasury among the system's holders on one price.")
    var system: String?

    @Option(help: "Run only shard K of N of every Monte Carlo run (paths ⌊(K−1)·P/N⌋ to ⌊K·P/N⌋) and write <out>/<treasury>-paths-K-of-N.tspaths for `merge-paths`; nothing else runs.")
    var pathsShard: String?

    @OptionGroup var monteCarlo: MonteCarloArguments

    func validate() throws {
        _ = try formats()
        if let pathsShard {
            _ = try shard(pathsShard)
            if system != nil { throw ValidationError("--paths-shard runs Monte Carlo paths only; give --system to the unsharded run") }
        }
    }

    /// "K/N" as (K, N), 1 ≤ K ≤ N ≤ 100,000.
    func shard(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 1, k <= n else {
            throw ValidationError("--paths-shard \"\(text)\": give K/N with 1 ≤ K ≤ N ≤ 100000, for example 3/8")
        }
        return (k, n)
    }

    func formats() throws -> Set<ReportCommands.Format> { try formatList(format) }

    func run() throws {
        do {
            if let pathsShard {
                let (k, n) = try shard(pathsShard)
                let path = try ReportCommands.runShard(treasuryPath: treasury, scenariosPath: scenarios, outDirectory: out,
                                                       shard: k, count: n, monteCarlo: monteCarlo.options)
                print("wrote \(path)")
                return
            }
            let renderer = try renderer(templates: monteCarlo.templates)
            let output = try ReportCommands.run(
                treasuryPath: treasury, scenariosPath: scenarios, outDirectory: out, formats: try formats(),
                renderer: renderer,
                monteCarlo: monteCarlo.options, systemPath: system,
                progress: terminalProgress)
            for path in output.written { print("wrote \(path)") }
            print("")
            for line in BoardReportRenderer.headline(output.report) { print("  " + line) }
        } catch let error as ToolError {
            throw fail(error)
        }
    }
}
