import ArgumentParser
import StressReports
import TreasuryStressKit

/// `merge-paths SHARD…`: the report of a Monte Carlo run split with `run --paths-shard K/N`.
struct MergePathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-paths",
        abstract: "Merge the shards of `run --paths-shard K/N` into the report the unsharded run writes, byte for byte.")

    @Argument(help: "Every shard file (<treasury>-paths-K-of-N.tspaths), in any order.")
    var shards: [String]

    @Option(help: "Folder for the reports.")
    var out: String = "reports"

    @Option(help: "Comma-separated output formats: xml, html, pdf, csv, json.")
    var format: String = "xml,html"

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones.")
    var templates: String?

    func validate() throws {
        let _: Set<ReportCommands.Format> = try formatList(format)
        if shards.isEmpty { throw ValidationError("give the shard files") }
    }

    func run() throws {
        do {
            let output = try ReportCommands.mergePaths(shardPaths: shards, outDirectory: out, formats: try formatList(format),
                                                       renderer: try renderer(templates: templates), progress: terminalProgress)
            for path in output.written { print("wrote \(path)") }
            print("")
            for line in BoardReportRenderer.headline(output.report) { print("  " + line) }
        } catch let error as ToolError {
            throw fail(error)
        }
    }
}
