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

    @OptionGroup var monteCarlo: MonteCarloArguments

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> Set<ReportCommands.Format> { try formatList(format) }

    func run() throws {
        do {
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
