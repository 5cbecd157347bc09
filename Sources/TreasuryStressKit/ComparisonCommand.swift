import StressEngine
public import StressResults
public import StressReports
import TreasuryModel
import TreasuryXML
import Foundation

/// `compare`: one scenario set over a base treasury, other treasury files and XPath variants of
/// the base; writes the comparison XML and HTML page.
public enum ComparisonCommand {
    /// What `compare` produced.
    public struct Output: Sendable {
        public var comparison: StructureComparison
        public var xml: String
        public var html: String
        public var written: [String]
    }

    /// Builds the comparison in memory.
    public static func produce(base: String, others: [String] = [], variants: String? = nil, scenarios: String? = nil,
                               monteCarlo: ReportCommands.MonteCarloOptions = .init(),
                               renderer: BoardReportRenderer? = nil,
                               progress: (@Sendable (_ structure: String, _ done: Int, _ total: Int) -> Void)? = nil) throws(ToolError) -> Output {
        let (loadedSet, setInput) = try ReportCommands.loadScenarios(scenarios)
        var set = monteCarlo.apply(to: loadedSet)
        // The comparison page shows no probability map: each structure's own report has it.
        set.probabilityMap = nil
        // Every structure is read (and every variant applied) first, so that progress can count them.
        var pending: [(treasury: Treasury, id: String, name: String, source: String, bytes: [UInt8])] = []
        func add(_ treasury: Treasury, id: String, name: String, source: String, bytes: [UInt8]) {
            pending.append((treasury, id, name, source, bytes))
        }
        let baseBytes = try OutputFiles.read(base)
        for path in [base] + others {
            let (treasury, input) = try ReportCommands.loadTreasury(path)
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            add(treasury, id: stem, name: treasury.name, source: input.name, bytes: path == base ? baseBytes : try OutputFiles.read(path))
        }
        if let variants {
            let bytes = try OutputFiles.read(variants)
            let applied: [TreasuryVariant]
            do {
                applied = try TreasuryVariants.apply(variants: bytes, fileName: variants, base: baseBytes,
                                                     baseName: (base as NSString).lastPathComponent)
            } catch {
                throw .input(error)
            }
            for variant in applied {
                add(variant.treasury, id: variant.id, name: variant.name,
                        source: "\((base as NSString).lastPathComponent) variant \(variant.id)", bytes: variant.xml)
            }
        }
        var structures: [StructureComparison.Structure] = []
        for (done, item) in pending.enumerated() {
            progress?(item.name, done, pending.count)
            let input = ReportInput(role: "treasury", name: item.source, sha256: SHA256.hex(item.bytes))
            do {
                let report = try StressTest.run(treasury: item.treasury, scenarios: set, inputs: [input, setInput],
                                               jobs: monteCarlo.jobs, monteCarloProgress: monteCarlo.progress)
                structures.append(.init(id: item.id, name: item.name, source: item.source, sha256: input.sha256, report: report))
            } catch {
                throw .input(error)
            }
        }
        progress?("", pending.count, pending.count)
        let comparison = StructureComparison(structures: structures)
        let xml: String
        do {
            xml = try ComparisonWriter.xml(comparison)
        } catch {
            throw .internal("the comparison does not validate against comparison.xsd: \(error)")
        }
        let html: String
        do {
            html = try (renderer ?? BoardReportRenderer()).renderComparison(comparison)
        } catch {
            throw .usage("templates: \(error)")
        }
        return Output(comparison: comparison, xml: xml, html: html, written: [])
    }

    /// `compare`: produce, then write `<out>/<base stem>-comparison.xml`, `.html`, `.pdf`, `-<table>.csv`
    /// and `.json` (as asked) together.
    public static func run(base: String, others: [String], variants: String?, scenarios: String?, outDirectory: String,
                           formats: Set<ReportCommands.Format> = [.xml, .html],
                           monteCarlo: ReportCommands.MonteCarloOptions = .init(),
                           renderer: BoardReportRenderer? = nil,
                           progress: (@Sendable (_ structure: String, _ done: Int, _ total: Int) -> Void)? = nil) throws(ToolError) -> Output {
        var output = try produce(base: base, others: others, variants: variants, scenarios: scenarios,
                                 monteCarlo: monteCarlo, renderer: renderer, progress: progress)
        let stem = ((base as NSString).lastPathComponent as NSString).deletingPathExtension
        let path = (outDirectory as NSString).appendingPathComponent(stem + "-comparison")
        var files: [(bytes: [UInt8], path: String)] = []
        if formats.contains(.xml) { files.append((Array(output.xml.utf8), path + ".xml")) }
        if formats.contains(.html) { files.append((Array(output.html.utf8), path + ".html")) }
        if formats.contains(.pdf) { files.append((try PDFPrinter.pdf(of: output.html), path + ".pdf")) }
        if formats.contains(.csv) {
            for table in ReportTables.tables(output.comparison) { files.append((try ReportTables.csv(table), path + "-\(table.name).csv")) }
        }
        if formats.contains(.json) { files.append((try Exports.json(xml: output.xml, document: .comparison), path + ".json")) }
        try OutputFiles.refuseToOverwrite(inputs: [base] + others + [variants, scenarios].compactMap { $0 }, outputs: files.map(\.path))
        try OutputFiles.writeTogether(bytes: files)
        output.written = files.map(\.path)
        return output
    }
}
