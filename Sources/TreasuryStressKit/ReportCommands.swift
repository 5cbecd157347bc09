public import TreasuryModel
import StressEngine
public import StressResults
public import TreasuryXML
public import StressReports
import Foundation

/// The whole `run` job as a library call: read and validate the inputs, simulate, write the
/// report XML (validated) and the HTML board report. Nothing is written unless every input is good.
public enum ReportCommands {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// The report XML, the HTML board report, the board report printed to PDF (A4
        /// landscape, through headless Chromium), the report's tables as CSV files, and the whole
        /// report as JSON (schema: `schemas/json/report.schema.json`).
        case xml, html, pdf, csv, json
    }

    /// Monte Carlo settings from the command line: they override every run of the scenario set
    /// (a set without one gets the built-in GBM run when `paths` is given).
    public struct MonteCarloOptions: Sendable {
        public var paths: Int?
        public var seed: UInt64?
        public var jobs: Int?
        /// Called with (run id, paths done, paths) from worker threads.
        public var progress: (@Sendable (String, Int, Int) -> Void)?
        /// Creates options.
        public init(paths: Int? = nil, seed: UInt64? = nil, jobs: Int? = nil,
                    progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
            self.paths = paths
            self.seed = seed
            self.jobs = jobs
            self.progress = progress
        }

        /// The set with these overrides applied.
        public func apply(to set: ScenarioSet) -> ScenarioSet {
            var set = set
            if set.monteCarlo.isEmpty && paths != nil { set.monteCarlo = StandardScenarios.set.monteCarlo }
            for i in set.monteCarlo.indices {
                if let paths { set.monteCarlo[i].paths = paths }
                if let seed { set.monteCarlo[i].seed = seed }
            }
            return set
        }
    }

    /// What `run` produced.
    public struct Output: Sendable {
        /// The report.
        public var report: StressReport
        /// The report XML text.
        public var xml: String
        /// The HTML text (empty when not asked for).
        public var html: String
        /// Paths written.
        public var written: [String]
    }

    /// Reads and validates a treasury file, returning it with its input record (name and SHA-256).
    public static func loadTreasury(_ path: String) throws(ToolError) -> (Treasury, ReportInput) {
        let bytes = try OutputFiles.read(path)
        do {
            let treasury = try InputReader.treasury(bytes, fileName: path)
            return (treasury, ReportInput(role: "treasury", name: (path as NSString).lastPathComponent, sha256: SHA256.hex(bytes)))
        } catch {
            throw .input(error)
        }
    }

    /// Reads a scenario-set file, or returns the built-in set when `path` is nil.
    public static func loadScenarios(_ path: String?) throws(ToolError) -> (ScenarioSet, ReportInput) {
        guard let path else {
            return (StandardScenarios.set, ReportInput(role: "scenarios", name: "built-in standard set", sha256: "built-in"))
        }
        let bytes = try OutputFiles.read(path)
        do {
            let set = try InputReader.scenarioSet(bytes, fileName: path)
            return (set, ReportInput(role: "scenarios", name: (path as NSString).lastPathComponent, sha256: SHA256.hex(bytes)))
        } catch {
            throw .input(error)
        }
    }

    /// Runs the stress report and returns it in memory (XML text, and HTML from the XML read back,
    /// so that `render` of the written XML gives the same HTML).
    public static func produce(treasuryPath: String, scenariosPath: String?, formats: Set<Format> = [.xml, .html],
                               renderer: BoardReportRenderer? = nil, monteCarlo: MonteCarloOptions = MonteCarloOptions(),
                               systemPath: String? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let (treasury, treasuryInput) = try loadTreasury(treasuryPath)
        let (loaded, setInput) = try loadScenarios(scenariosPath)
        let set = monteCarlo.apply(to: loaded)
        let problems = set.validationProblems()
        if !problems.isEmpty { throw .usage(problems.map(\.message).joined(separator: "; ")) }
        // The system is read (and its holders valued) before anything long runs.
        let section = try systemPath.map { path throws(ToolError) in try SystemCommand.section(for: treasury, systemPath: path) }
        var report: StressReport
        do {
            report = try StressTest.run(treasury: treasury, scenarios: set, inputs: [treasuryInput, setInput],
                                       jobs: monteCarlo.jobs, progress: progress, monteCarloProgress: monteCarlo.progress)
        } catch {
            throw .input(error)
        }
        report.system = section
        let xml: String
        let stored: StressReport
        do {
            xml = try ReportWriter.xml(report)
            stored = try InputReader.report(Array(xml.utf8), fileName: "report.xml")
        } catch {
            throw .internal("the report does not validate against report.xsd: \(error)")
        }
        var html = ""
        if formats.contains(.html) || formats.contains(.pdf) {
            do {
                html = try (renderer ?? BoardReportRenderer()).render(stored)
            } catch {
                throw .internal("built-in templates: \(error)")
            }
        }
        return Output(report: stored, xml: xml, html: html, written: [])
    }

    /// `run`: produce, then write `<out>/<treasury stem>.xml`, `.html`, `.pdf`, `-<table>.csv` and `.json` (as
    /// asked) together.
    public static func run(treasuryPath: String, scenariosPath: String?, outDirectory: String,
                           formats: Set<Format>, renderer: BoardReportRenderer? = nil,
                           monteCarlo: MonteCarloOptions = MonteCarloOptions(), systemPath: String? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let stem = ((treasuryPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = (outDirectory as NSString).appendingPathComponent(stem)
        let inputs = [treasuryPath] + (scenariosPath.map { [$0] } ?? []) + (systemPath.map { [$0] } ?? [])
        // Before simulating: the report of `strategy.xml` run with --out beside it is `strategy.xml`.
        try OutputFiles.refuseToOverwrite(inputs: inputs, outputs: formats.map { base + "." + $0.rawValue })
        var output = try produce(treasuryPath: treasuryPath, scenariosPath: scenariosPath, formats: formats,
                                 renderer: renderer, monteCarlo: monteCarlo, systemPath: systemPath, progress: progress)
        var files: [(bytes: [UInt8], path: String)] = []
        if formats.contains(.xml) { files.append((Array(output.xml.utf8), base + ".xml")) }
        if formats.contains(.html) { files.append((Array(output.html.utf8), base + ".html")) }
        if formats.contains(.pdf) { files.append((try PDFPrinter.pdf(of: output.html), base + ".pdf")) }
        if formats.contains(.csv) {
            for table in ReportTables.tables(output.report) { files.append((try ReportTables.csv(table), base + "-\(table.name).csv")) }
        }
        if formats.contains(.json) { files.append((try Exports.json(xml: output.xml, document: .report), base + ".json")) }
        try OutputFiles.refuseToOverwrite(inputs: inputs, outputs: files.map(\.path))
        // Together: never a new XML beside an old HTML or PDF.
        try OutputFiles.writeTogether(bytes: files)
        output.written = files.map(\.path)
        return output
    }

    /// The renderer for `--templates DIR`: a folder without `report.mustache` or with a template
    /// that does not parse is a bad input (65), located at the template's line and column.
    public static func renderer(templates directory: String) throws(ToolError) -> BoardReportRenderer {
        do {
            return try BoardReportRenderer(directory: directory)
        } catch {
            throw .input(InputError(error.description, at: nil))
        }
    }

    /// `render`: report XML → HTML, written next to it (or to `outPath`).
    public static func render(reportPath: String, outPath: String?, renderer: BoardReportRenderer? = nil) throws(ToolError) -> String {
        let bytes = try OutputFiles.read(reportPath)
        let report: StressReport
        do {
            report = try InputReader.report(bytes, fileName: reportPath)
        } catch {
            throw .input(error)
        }
        let html: String
        do {
            html = try (renderer ?? BoardReportRenderer()).render(report)
        } catch {
            throw .internal("built-in templates: \(error)")
        }
        let target = outPath ?? ((reportPath as NSString).deletingPathExtension + ".html")
        if OutputFiles.sameFile(target, reportPath) {
            throw .usage("render: the output \(target) is the report itself; give another file with -o")
        }
        try OutputFiles.writeAtomically(html, to: target)
        return target
    }

    /// `validate`: checks each file by its namespace; returns one line per file.
    public static func validate(paths: [String]) -> [(path: String, result: Result<InputReader.DocumentKind, ToolError>)] {
        paths.map { path in
            do throws(ToolError) {
                let bytes = try OutputFiles.read(path)
                do throws(InputError) {
                    return (path, .success(try InputReader.validate(bytes, fileName: path)))
                } catch {
                    throw ToolError.input(error)
                }
            } catch {
                return (path, .failure(error))
            }
        }
    }
}
