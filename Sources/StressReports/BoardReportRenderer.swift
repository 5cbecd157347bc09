public import StressResults
public import TreasuryModel
import Mustache
import Foundation

/// Renders the HTML board report from Mustache templates: the user-editable `templates/` folder
/// given with `--templates`, or the defaults built into the tool.
public struct BoardReportRenderer: Sendable {
    /// Why templates could not be used.
    public enum TemplateError: Error, CustomStringConvertible {
        /// The folder has no `report.mustache`.
        case missingTemplate(directory: String)
        /// A template did not parse: its file, the line and column (1-based) and what is wrong.
        case invalidTemplate(name: String, line: Int, column: Int, reason: String)

        public var description: String {
            switch self {
            case .missingTemplate(let directory):
                return "\(directory): no report.mustache; copy the templates/ folder of the tool and edit it"
            case .invalidTemplate(let name, let line, let column, let reason):
                return "\(name):\(line):\(column): template: \(reason)"
            }
        }
    }

    let library: MustacheLibrary
    let css: String

    /// Uses the built-in default templates.
    public init() throws(TemplateError) {
        try self.init(files: DefaultTemplates.files)
    }

    /// Uses the templates in `directory` (every `.mustache` file, by path without extension, and `report.css`).
    public init(directory: String) throws(TemplateError) {
        // A linked folder (the package's own `templates` link among them) is read where it points.
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath()
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["mustache", "css"].contains(url.pathExtension), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let relative = url.standardizedFileURL.path.replacingOccurrences(of: root.standardizedFileURL.path + "/", with: "")
            files[relative] = text
        }
        guard files["report.mustache"] != nil else { throw .missingTemplate(directory: directory) }
        try self.init(files: files, directory: directory)
    }

    /// What a Mustache parse error means, in words.
    static func words(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return String(describing: error) }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed ({{/…}}) with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed: {{ needs its }}"
        case .expectedSectionEnd: return "a section ({{#…}} or {{^…}}) is never closed with {{/…}}"
        case .invalidSetDelimiter: return "a set-delimiter tag ({{=… …=}}) is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection: return "an inherited section holds a tag it cannot"
        case .textInsideInheritSection: return "an inherited section holds text outside its blocks"
        case .invalidConfigVariableSyntax: return "a configuration tag ({{% …}}) is malformed"
        case .unrecognisedConfigVariable: return "a configuration tag ({{% …}}) names an unknown setting"
        }
    }

    init(files: [String: String], directory: String? = nil) throws(TemplateError) {
        var library = MustacheLibrary()
        for (path, text) in files where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .invalidTemplate(name: (directory.map { $0 + "/" } ?? "built-in ") + path,
                                       line: error.context.lineNumber, column: error.context.columnNumber,
                                       reason: Self.words(error.error))
            } catch {
                throw .invalidTemplate(name: (directory.map { $0 + "/" } ?? "built-in ") + path, line: 1, column: 1,
                                       reason: String(describing: error))
            }
        }
        guard library.getTemplate(named: "report") != nil else { throw .missingTemplate(directory: "built-in templates") }
        self.library = library
        self.css = files["report.css"] ?? ""
    }

    /// The comparison page (template `compare`): structures as columns, scenarios as rows.
    /// The systemic-run page (DESIGN §6.2).
    public func renderSystem(_ system: MarketSystem, results: [SystemScenarioResult], ladders: [SystemHolderLadder] = [],
                             monteCarlo: [SystemMonteCarloResult] = [],
                             scenarioSetName: String, toolVersion: String) throws(TemplateError) -> String {
        guard library.getTemplate(named: "system") != nil else { throw .missingTemplate(directory: "system.mustache") }
        let model = SystemViewModel.build(system, results: results, ladders: ladders, monteCarlo: monteCarlo, scenarioSetName: scenarioSetName,
                                          toolVersion: toolVersion, css: css)
        return library.render(BidiIsolation.isolateStrings(in: model), withTemplate: "system") ?? ""
    }

    public func renderComparison(_ comparison: StructureComparison) throws(TemplateError) -> String {
        guard library.getTemplate(named: "compare") != nil else { throw .missingTemplate(directory: "compare.mustache") }
        return library.render(BidiIsolation.isolateStrings(in: ComparisonViewModel.build(comparison, css: css)), withTemplate: "compare") ?? ""
    }

    /// The batch index page (template `index`): one row per treasury × scenario set.
    public func renderIndex(quarter: String, entries: [BatchEntry]) throws(TemplateError) -> String {
        guard library.getTemplate(named: "index") != nil else { throw .missingTemplate(directory: "index.mustache") }
        var model = BatchIndexModel.build(quarter: quarter, entries: entries)
        model["css"] = css
        return library.render(BidiIsolation.isolateStrings(in: model), withTemplate: "index") ?? ""
    }

    /// The executive summary as plain lines, for the terminal after `run`: today's balance sheet,
    /// the first forced sale and missed payment with their drivers, the Monte Carlo probabilities,
    /// the scenario count and the worst case (the same sentences as the report's first screen).
    public static func headline(_ report: StressReport) -> [String] {
        BoardReportViewModel.summary(report)
    }

    /// The HTML board report: one self-contained file, no script, every user string escaped.
    /// With `previous`, a section shows the change since the previous quarter (batch runs).
    public func render(_ report: StressReport, previous: QuarterSummary? = nil) -> String {
        var model = BoardReportViewModel.build(report, css: css)
        if let previous {
            model["hasPrevious"] = true
            model["previousQuarter"] = previous.quarter
            model["previousRows"] = previous.rows(for: report)
        }
        return library.render(BidiIsolation.isolateStrings(in: model), withTemplate: "report") ?? ""
    }
}

extension QuarterSummary {
    /// The "since the previous quarter" rows: this summary's figures (then) beside `report`'s (now).
    func rows(for report: StressReport) -> [[String: String]] {
        let sale = report.ladder.first { $0.trigger.kind == .forcedSale && $0.status == .fires }?.btcPrice
        let liquidation = report.ladder.filter { $0.trigger.kind == .liquidation && $0.status == .fires }.compactMap(\.btcPrice).max()
        let probability = report.monteCarlo.first?.triggers.first { $0.trigger.kind == .forcedSale }?.probability
        func price(_ value: Double?) -> String { value.map(DisplayFormat.price) ?? "none" }
        func change(_ now: Double?, _ then: Double?, _ format: (Double) -> String) -> String {
            guard let now, let then else { return "—" }
            return format(now - then)
        }
        var rows: [[String: String]] = []
        if liquidation != nil || liquidationPrice != nil {
            rows.append(["metric": "BTC price of the first loan liquidation", "then": price(liquidationPrice), "now": price(liquidation),
                         "change": change(liquidation, liquidationPrice) { ($0 >= 0 ? "+" : "−") + DisplayFormat.price(abs($0)) }])
        }
        return rows + [
            ["metric": "BTC price of the first forced sale", "then": price(forcedSalePrice), "now": price(sale),
             "change": change(sale, forcedSalePrice) { ($0 >= 0 ? "+" : "−") + DisplayFormat.price(abs($0)) }],
            ["metric": "Probability of a forced sale", "then": forcedSaleProbability.map { DisplayFormat.percent($0, decimals: 1) } ?? "—",
             "now": probability.map { DisplayFormat.percent($0, decimals: 1) } ?? "—",
             "change": change(probability, forcedSaleProbability) { ($0 >= 0 ? "+" : "−") + String(format: "%.1f pt", abs($0) * 100) }],
            ["metric": "BTC per share", "then": btcPerShare.map(DisplayFormat.satsPerShare) ?? "—",
             "now": DisplayFormat.satsPerShare(report.start.btcPerShare),
             "change": btcPerShare.map { DisplayFormat.signedPercent(report.start.btcPerShare / max($0, 1e-300) - 1) } ?? "—"],
        ]
    }
}
