import ArgumentParser
import StressReports
import TreasuryStressKit

/// `render REPORT.xml`: the HTML board report from a report XML.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Turn a report XML back into the HTML board report.")

    @Argument(help: "A report XML written by `run`.")
    var report: String

    @Option(name: .shortAndLong, help: "Where to write the HTML (default: next to the report, .html).")
    var output: String?

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones.")
    var templates: String?

    func run() throws {
        do {
            let renderer = try renderer(templates: templates)
            let path = try ReportCommands.render(reportPath: report, outPath: output, renderer: renderer)
            print("wrote \(path)")
        } catch {
            throw fail(error)
        }
    }
}
