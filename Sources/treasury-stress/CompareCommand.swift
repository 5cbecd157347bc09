import ArgumentParser
import StressReports
import TreasuryStressKit

/// `compare BASE.xml [OTHER.xml …] [--variants VARIANTS.xml]`: structures side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare debt structures (treasury files and XPath variants of the first) under one scenario set.")

    @Argument(help: "The base treasury, then any other treasury files.")
    var treasuries: [String]

    @Option(help: "A variants file: named XPath edits of the base treasury.")
    var variants: String?

    @Option(help: "A scenario-set XML file (default: the built-in standard set).")
    var scenarios: String?

    @Option(help: "Folder for the comparison files.")
    var out: String = "reports"

    @Option(help: "Comma-separated output formats: xml, html, pdf, csv (one file per table), json.")
    var format: String = "xml,html"

    @OptionGroup var monteCarlo: MonteCarloArguments

    func validate() throws {
        if treasuries.isEmpty { throw ValidationError("give at least the base treasury") }
        if treasuries.count == 1 && variants == nil { throw ValidationError("give another treasury file or --variants to compare with") }
        let _: Set<ReportCommands.Format> = try formatList(format)
    }

    func run() throws {
        let formats: Set<ReportCommands.Format> = try formatList(format)
        do {
            let renderer = try renderer(templates: monteCarlo.templates)
            let output = try ComparisonCommand.run(
                base: treasuries[0], others: Array(treasuries.dropFirst()), variants: variants, scenarios: scenarios,
                outDirectory: out, formats: formats, monteCarlo: monteCarlo.options,
                renderer: renderer, progress: terminalComparisonProgress)
            for path in output.written { print("wrote \(path)") }
        } catch {
            throw fail(error)
        }
    }
}
