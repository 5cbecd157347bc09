import ArgumentParser
import StressReports
import TreasuryStressKit

/// `system SYSTEM.xml`: several treasuries on one price; the liquidation spiral.
struct SystemRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "system",
        abstract: "Run several treasuries, leveraged longs and ETF outflows on one BTC price: where the spiral starts.")

    @Argument(help: "The system file (urn:treasury-stress:system:1).")
    var system: String

    @Option(help: "Folder for the system report XML and HTML.")
    var out: String = "reports"

    @Option(help: "Comma-separated output formats: xml, html, pdf (the page through headless Chromium), csv (one file per table), json.")
    var format: String = "xml,html"

    @Flag(help: "Also write the system report as JSON (the same as adding json to --format).")
    var json = false

    @OptionGroup var monteCarlo: MonteCarloArguments

    func validate() throws {
        let _: Set<ReportCommands.Format> = try formatList(format)
    }

    func run() throws {
        var formats: Set<ReportCommands.Format> = try formatList(format)
        if json { formats.insert(.json) }
        do {
            let renderer = try renderer(templates: monteCarlo.templates)
            let output = try SystemCommand.run(system, outDirectory: out, formats: formats, monteCarlo: monteCarlo.options,
                                               renderer: renderer, progress: terminalProgress)
            for path in output.written { print("wrote \(path)") }
            print()
            for line in SystemViewModel.headline(output.system, results: output.results, ladders: output.ladders,
                                                 monteCarlo: output.monteCarlo) {
                print("  " + line)
            }
        } catch {
            throw fail(error)
        }
    }
}
