public import TreasuryModel
public import StressEngine
public import TreasuryXML
public import StressReports
import Foundation

/// The whole `run` job as a library call: read and validate the inputs, simulate, write the
/// report XML (validated) and the HTML board report. Nothing is written unless every input is good.
public enum StressCommandRunner {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        case xml, html
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
                               renderer: BoardReportRenderer? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        let (treasury, treasuryInput) = try loadTreasury(treasuryPath)
        let (set, setInput) = try loadScenarios(scenariosPath)
        let report: StressReport
        do {
            report = try StressRun.run(treasury: treasury, scenarios: set, inputs: [treasuryInput, setInput], progress: progress)
        } catch {
            throw .input(error)
        }
        let xml: String
        let stored: StressReport
        do {
            xml = try ReportWriter.xml(report)
            stored = try InputReader.report(Array(xml.utf8), fileName: "report.xml")
        } catch {
            throw .internal("the report does not validate against report.xsd: \(error)")
        }
        var html = ""
        if formats.contains(.html) {
            do {
                html = try (renderer ?? BoardReportRenderer()).render(stored)
            } catch {
                throw .internal("built-in templates: \(error)")
            }
        }
        return Output(report: stored, xml: xml, html: html, written: [])
    }

    /// `run`: produce, then write `<out>/<treasury stem>.xml` and `.html` atomically.
    public static func run(treasuryPath: String, scenariosPath: String?, outDirectory: String,
                           formats: Set<Format>, renderer: BoardReportRenderer? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(ToolError) -> Output {
        var output = try produce(treasuryPath: treasuryPath, scenariosPath: scenariosPath, formats: formats,
                                 renderer: renderer, progress: progress)
        let stem = ((treasuryPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = (outDirectory as NSString).appendingPathComponent(stem)
        if formats.contains(.xml) {
            try OutputFiles.writeAtomically(output.xml, to: base + ".xml")
            output.written.append(base + ".xml")
        }
        if formats.contains(.html) {
            try OutputFiles.writeAtomically(output.html, to: base + ".html")
            output.written.append(base + ".html")
        }
        return output
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
