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
        /// Paths per cell of the probability map (overrides the set's).
        public var mapPaths: Int?
        /// Called with (run id, paths done, paths) from worker threads.
        public var progress: (@Sendable (String, Int, Int) -> Void)?
        /// Creates options.
        public init(paths: Int? = nil, seed: UInt64? = nil, jobs: Int? = nil, mapPaths: Int? = nil,
                    progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
            self.paths = paths
            self.seed = seed
            self.jobs = jobs
            self.mapPaths = mapPaths
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
            if let mapPaths { set.probabilityMap?.paths = mapPaths }
            if let seed { set.probabilityMap?.seed = seed }
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
        try parseTreasury(try OutputFiles.read(path), fileName: path)
    }

    /// A treasury from its bytes, named `fileName` in errors and (without its folder) in the report.
    static func parseTreasury(_ bytes: [UInt8], fileName: String) throws(ToolError) -> (Treasury, ReportInput) {
        do {
            let treasury = try InputReader.treasury(bytes, fileName: fileName)
            return (treasury, ReportInput(role: "treasury", name: (fileName as NSString).lastPathComponent, sha256: SHA256.hex(bytes)))
        } catch {
            throw .input(error)
        }
    }

    /// Reads a scenario-set file, or returns the built-in set when `path` is nil.
    public static func loadScenarios(_ path: String?) throws(ToolError) -> (ScenarioSet, ReportInput) {
        guard let path else { return try parseScenarios(nil, fileName: nil) }
        return try parseScenarios(try OutputFiles.read(path), fileName: path)
    }

    /// A scenario set from its bytes, or the built-in set when there are none.
    static func parseScenarios(_ bytes: [UInt8]?, fileName: String?) throws(ToolError) -> (ScenarioSet, ReportInput) {
        guard let bytes, let fileName else {
            return (StandardScenarios.set, ReportInput(role: "scenarios", name: "built-in standard set", sha256: "built-in"))
        }
        do {
            let set = try InputReader.scenarioSet(bytes, fileName: fileName)
            return (set, ReportInput(role: "scenarios", name: (fileName as NSString).lastPathComponent, sha256: SHA256.hex(bytes)))
        } catch {
            throw .input(error)
        }
    }

    /// The set with the command line's Monte Carlo overrides, checked.
    static func effectiveSet(_ loaded: ScenarioSet, _ monteCarlo: MonteCarloOptions) throws(ToolError) -> ScenarioSet {
        let set = monteCarlo.apply(to: loaded)
        let problems = set.validationProblems()
        if !problems.isEmpty { throw .usage(problems.map(\.message).joined(separator: "; ")) }
        return set
    }

    /// Runs the stress report and returns it in memory (XML text, and HTML from the XML read back,
    /// so that `render` of the written XML gives the same HTML).
    public static func produce(treasuryPath: String, scenariosPath: String?, formats: Set<Format> = [.xml, .html],
                               renderer: BoardReportRenderer? = nil, monteCarlo: MonteCarloOptions = MonteCarloOptions(),
                               systemPath: String? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let (treasury, treasuryInput) = try loadTreasury(treasuryPath)
        let (loaded, setInput) = try loadScenarios(scenariosPath)
        let set = try effectiveSet(loaded, monteCarlo)
        // The system is read (and its holders valued) before anything long runs.
        let section = try systemPath.map { path throws(ToolError) in try SystemCommand.section(for: treasury, systemPath: path) }
        return try produce(treasury: treasury, set: set, inputs: [treasuryInput, setInput], formats: formats, renderer: renderer,
                           monteCarlo: monteCarlo, section: section, shards: nil, progress: progress)
    }

    /// The report of read inputs; Monte Carlo runs are merged from `shards` when given, else run.
    static func produce(treasury: Treasury, set: ScenarioSet, inputs: [ReportInput], formats: Set<Format>,
                        renderer: BoardReportRenderer?, monteCarlo: MonteCarloOptions, section: SystemSection?,
                        shards: [MonteCarloPartial]?, progress: (@Sendable (Int, Int) -> Void)?) throws(ToolError) -> Output {
        var report: StressReport
        do {
            report = try StressTest.run(treasury: treasury, scenarios: set, inputs: inputs,
                                       jobs: monteCarlo.jobs, progress: progress, monteCarloProgress: monteCarlo.progress,
                                       monteCarloShards: shards)
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
        let base = outputBase(treasuryName: treasuryPath, outDirectory: outDirectory)
        let inputs = [treasuryPath] + (scenariosPath.map { [$0] } ?? []) + (systemPath.map { [$0] } ?? [])
        // Before simulating: the report of `strategy.xml` run with --out beside it is `strategy.xml`.
        try OutputFiles.refuseToOverwrite(inputs: inputs, outputs: formats.map { base + "." + $0.rawValue })
        let output = try produce(treasuryPath: treasuryPath, scenariosPath: scenariosPath, formats: formats,
                                 renderer: renderer, monteCarlo: monteCarlo, systemPath: systemPath, progress: progress)
        return try write(output, base: base, formats: formats, inputs: inputs)
    }

    /// `<out>/<treasury file's stem>`, where a report's files go.
    static func outputBase(treasuryName: String, outDirectory: String) -> String {
        let stem = ((treasuryName as NSString).lastPathComponent as NSString).deletingPathExtension
        return (outDirectory as NSString).appendingPathComponent(stem)
    }

    /// Writes a produced report's files together (never a new XML beside an old HTML or PDF).
    static func write(_ produced: Output, base: String, formats: Set<Format>, inputs: [String]) throws(ToolError) -> Output {
        var output = produced
        var files: [(bytes: [UInt8], path: String)] = []
        if formats.contains(.xml) { files.append((Array(output.xml.utf8), base + ".xml")) }
        if formats.contains(.html) { files.append((Array(output.html.utf8), base + ".html")) }
        if formats.contains(.pdf) { files.append((try PDFPrinter.pdf(of: output.html), base + ".pdf")) }
        if formats.contains(.csv) {
            for table in ReportTables.tables(output.report) { files.append((try ReportTables.csv(table), base + "-\(table.name).csv")) }
        }
        if formats.contains(.json) { files.append((try Exports.json(xml: output.xml, document: .report), base + ".json")) }
        try OutputFiles.refuseToOverwrite(inputs: inputs, outputs: files.map(\.path))
        try OutputFiles.writeTogether(bytes: files)
        output.written = files.map(\.path)
        return output
    }

    /// `run --paths-shard K/N`: runs shard `shard` (1…`count`) of every Monte Carlo run of the set and
    /// writes `<out>/<treasury stem>-paths-K-of-N.tspaths` (nothing else); returns its path.
    public static func runShard(treasuryPath: String, scenariosPath: String?, outDirectory: String, shard: Int, count: Int,
                                monteCarlo: MonteCarloOptions = MonteCarloOptions()) throws(ToolError) -> String {
        guard count >= 1, shard >= 1, shard <= count else {
            throw .usage("--paths-shard \(shard)/\(count): give K/N with 1 ≤ K ≤ N (shard K of N)")
        }
        let treasuryBytes = try OutputFiles.read(treasuryPath)
        let scenariosBytes = try scenariosPath.map { path throws(ToolError) in try OutputFiles.read(path) }
        let (treasury, _) = try parseTreasury(treasuryBytes, fileName: treasuryPath)
        let (loaded, _) = try parseScenarios(scenariosBytes, fileName: scenariosPath)
        let set = try effectiveSet(loaded, monteCarlo)
        guard !set.monteCarlo.isEmpty else {
            throw .usage("--paths-shard: the scenario set has no Monte Carlo run to split; add --paths N for the built-in one")
        }
        let path = outputBase(treasuryName: treasuryPath, outDirectory: outDirectory) + "-paths-\(shard)-of-\(count).tspaths"
        try OutputFiles.refuseToOverwrite(inputs: [treasuryPath] + (scenariosPath.map { [$0] } ?? []), outputs: [path])
        let runs: [MonteCarloPartial]
        do {
            runs = try StressTest.monteCarloShard(treasury: treasury, scenarios: set, shard: shard - 1, of: count,
                                                  jobs: monteCarlo.jobs, monteCarloProgress: monteCarlo.progress)
        } catch {
            throw .input(error)
        }
        let file = PathShardFile(shard: shard, count: count, treasuryName: (treasuryPath as NSString).lastPathComponent,
                                 treasuryBytes: treasuryBytes, scenariosName: scenariosPath.map { ($0 as NSString).lastPathComponent },
                                 scenariosBytes: scenariosBytes ?? [], paths: monteCarlo.paths, seed: monteCarlo.seed, runs: runs)
        try OutputFiles.writeTogether(bytes: [(file.encoded(), path)])
        return path
    }

    /// `merge-paths SHARD…`: the report of the run the shards were cut from, byte for byte what
    /// `run` writes in one process: the inputs come from the shards, the deterministic scenarios
    /// run again (seconds), the Monte Carlo runs are merged.
    public static func mergePaths(shardPaths: [String], outDirectory: String, formats: Set<Format>,
                                  renderer: BoardReportRenderer? = nil,
                                  progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        guard let firstPath = shardPaths.first else { throw .usage("merge-paths: give the shard files") }
        var shards: [PathShardFile] = []
        for path in shardPaths { shards.append(try PathShardFile(decoding: try OutputFiles.read(path), fileName: path)) }
        let first = shards[0]
        for (shard, path) in zip(shards, shardPaths) where !shard.sameRun(as: first) {
            throw .input(.init("\(path): shard of another run than \(firstPath) (other inputs, --paths, --seed or shard count)", at: nil))
        }
        var seen = Set<Int>()
        for (shard, path) in zip(shards, shardPaths) where !seen.insert(shard.shard).inserted {
            throw .usage("merge-paths: shard \(shard.shard) of \(shard.count) is given twice (again as \(path))")
        }
        let missing = (1...first.count).filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw .usage("merge-paths: shards \(missing.map(String.init).joined(separator: ", ")) of \(first.count) are missing")
        }
        let (treasury, treasuryInput) = try parseTreasury(first.treasuryBytes, fileName: first.treasuryName)
        let (loaded, setInput) = try parseScenarios(first.scenariosName == nil ? nil : first.scenariosBytes, fileName: first.scenariosName)
        let options = MonteCarloOptions(paths: first.paths, seed: first.seed)
        let set = try effectiveSet(loaded, options)
        let base = outputBase(treasuryName: first.treasuryName, outDirectory: outDirectory)
        try OutputFiles.refuseToOverwrite(inputs: shardPaths, outputs: formats.map { base + "." + $0.rawValue })
        let output = try produce(treasury: treasury, set: set, inputs: [treasuryInput, setInput], formats: formats, renderer: renderer,
                                 monteCarlo: options, section: nil, shards: shards.flatMap(\.runs), progress: progress)
        return try write(output, base: base, formats: formats, inputs: shardPaths)
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
