import Foundation
import Testing
import StressEngine
import StressResults
import TreasuryModel
import TreasuryXML
@testable import StressReports

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(relative))) }

@Suite struct BoardReportTests {
    func nakamotoReport() throws -> StressReport {
        let treasury = try InputReader.treasury(try bytes("examples/nakamoto-like.xml"), fileName: "nakamoto-like.xml")
        var set = try InputReader.scenarioSet(try bytes("examples/scenarios-2026Q1.xml"), fileName: "scenarios-2026Q1.xml")
        // The report's shape, not Monte Carlo statistics, is under test: a few paths suffice.
        for i in set.monteCarlo.indices { set.monteCarlo[i].paths = 200 }
        return try StressTest.run(treasury: treasury, scenarios: set,
                                 inputs: [ReportInput(role: "treasury", name: "nakamoto-like.xml", sha256: String(repeating: "a", count: 64))])
    }

    @Test func htmlIsSelfContainedWithoutScript() throws {
        let html = try BoardReportRenderer().render(try nakamotoReport())
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("script-src 'none'"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(html.contains("<svg"))
        #expect(!html.contains("{{"))
    }

    @Test func userStringsAreEscaped() throws {
        var report = try nakamotoReport()
        report.treasuryName = "<script>alert('x')</script> & Co"
        report.scenarios[0].name = "<img src=x onerror=alert(1)>"
        let html = try BoardReportRenderer().render(report)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    /// A right-to-left override in a name reversed the title and the line after it: every user
    /// string holding one is isolated (FSI … PDI), where it stands alone and inside composed text.
    @Test func rightToLeftNamesAreIsolated() throws {
        var report = try nakamotoReport()
        report.treasuryName = "\u{202E}evil corp"
        report.scenarios[0].name = "\u{202E}crash"
        let html = try BoardReportRenderer().render(report)
        let name = "\u{2068}\u{202E}evil corp\u{2069}"
        #expect(html.contains("<h1>\(name)</h1>"))
        #expect(html.contains("\(name): BTC stress report"))
        #expect(html.contains("\u{2068}\u{202E}crash\u{2069}"))
        // Every override opened on the page is closed by an isolate's end before the page goes on.
        var open = 0
        for scalar in html.unicodeScalars {
            if scalar == "\u{2068}" { open += 1 }
            if scalar == "\u{2069}" { open -= 1 }
            if scalar == "\u{202E}" { #expect(open > 0, "an override outside an isolate") }
        }
        #expect(open == 0)
        // Left-to-right names are untouched.
        #expect(BidiIsolation.isolate("Strategy-like (ILLUSTRATIVE)") == "Strategy-like (ILLUSTRATIVE)")
        #expect(BidiIsolation.isolate("שקל") == "\u{2068}שקל\u{2069}")
    }

    /// The headline triggers name their driver: which obligation, on which date (issue 11).
    @Test func headlineTriggersNameTheirDriver() throws {
        let report = try nakamotoReport()
        let lines = BoardReportRenderer.headline(report)
        for kind in [Trigger.Kind.forcedSale, .defaultEvent] {
            guard let rung = report.ladder.first(where: { $0.trigger.kind == kind }), rung.status != .never,
                  let driver = rung.driver else { continue }
            let date = report.asOf.adding(days: driver.day).description
            let prefix = kind == .forcedSale ? "It " : "It first misses"
            let line = lines.first { $0.hasPrefix(prefix) && $0.contains("Driver: ") }
            #expect(line?.contains(date) == true, "\(kind): \(line ?? "no line") does not name \(date)")
        }
        #expect(report.ladder.contains { $0.driver != nil })
    }

    /// No empty note (Mustache renders a section for an empty string) and no raw identifier of an
    /// event kind in a table cell (issue 11).
    @Test func noEmptyNotesAndNoRawEventKinds() throws {
        let html = try BoardReportRenderer().render(try nakamotoReport())
        #expect(!html.contains("<p class=\"note\"></p>"))
        #expect(!html.contains("Hovering at a limit:  ("))
        #expect(!html.contains("Routine payments: ."))
        for kind in SimulationEvent.Kind.allCases where kind.rawValue.contains(where: \.isUppercase) {
            #expect(!html.contains("<td>\(kind.rawValue)</td>"), "raw \(kind.rawValue) in a cell")
        }
    }

    /// A replay of history after the as-of date is called hindsight in the summary; one before
    /// it is not (issue 11).
    @Test func replaysAfterTheAsOfDateAreCalledHindsight() throws {
        var report = try nakamotoReport()
        report.monteCarlo = []
        for i in report.scenarios.indices { report.scenarios[i].replayWindow = nil }
        #expect(HindsightWording.notes(report).isEmpty)
        report.scenarios[0].replayWindow = (report.asOf.adding(days: -400), report.asOf.adding(days: -10))
        #expect(HindsightWording.notes(report).isEmpty)
        report.scenarios[0].replayWindow = (report.asOf.adding(days: 5), report.asOf.adding(days: 40))
        let notes = HindsightWording.notes(report)
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("Hindsight: one scenario replays BTC history after this report's as-of date (\(report.asOf))") == true)
        #expect(BoardReportRenderer.headline(report).last == notes.first)
    }

    /// The comparison concludes: who does best on each measure, against the base, and which
    /// columns are the base's in all but name (issue 11).
    @Test func theComparisonConcludes() throws {
        let report = try nakamotoReport()
        var lighter = report
        for i in lighter.scenarios.indices {
            lighter.scenarios[i].btcSold /= 2
            lighter.scenarios[i].status = .survived
        }
        let structures = [
            StructureComparison.Structure(id: "base", name: "Base", source: "b.xml", sha256: "", report: report),
            StructureComparison.Structure(id: "copy", name: "Copy", source: "c.xml", sha256: "", report: report),
            StructureComparison.Structure(id: "half", name: "Half", source: "h.xml", sha256: "", report: lighter),
        ]
        let lines = ComparisonConclusions.sentences(structures)
        let total = report.scenarios.reduce(0) { $0 + $1.btcSold }
        #expect(total > 0)
        do {
            let line = try #require(lines.first { $0.hasPrefix("Least BTC sold") })
            #expect(line.hasPrefix("Least BTC sold across all scenarios: Half (\(DisplayFormat.btc(total / 2)), against \(DisplayFormat.btc(total)) for Base). Why: the gap is widest in "))
            // The widest gap is where the base sells most (Half sells half of it everywhere).
            let most = try #require(report.scenarios.max { $0.btcSold < $1.btcSold })
            #expect(line.contains("in \(most.name), where Base sells \(DisplayFormat.btc(most.btcSold)), first for "))
            #expect(line.hasSuffix("; Half sells \(DisplayFormat.btc(most.btcSold / 2))."))
        }
        #expect(lines.contains("Identical to Base in every scenario and on the ladder: Copy."))
        let spared = report.scenarios.filter { $0.status != .survived }.map(\.name)
        #expect(!spared.isEmpty)
        #expect(lines.contains { $0.hasPrefix("Fewest scenarios with a forced sale or worse: Half (0, against \(spared.count) for Base). Why: Half passes \(spared.first ?? "")") })
        let html = try BoardReportRenderer().renderComparison(StructureComparison(structures: structures))
        #expect(html.contains("3 debt structures compared"))
        #expect(html.contains("the base vs Copy, Half"))
        #expect(html.contains("What the comparison shows"))
    }

    static func keys(of value: Any) -> Set<String> {
        var provided = Set<String>(["."])
        func collect(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (key, inner) in dictionary { provided.insert(key); collect(inner) }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(value)
        return provided
    }

    static func templateKeys(_ text: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: "\\{\\{\\{?[#^/]?\\s*([A-Za-z.]+)\\s*\\}?\\}\\}")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func everyTemplateKeyIsProvided() throws {
        var report = try nakamotoReport()
        // The example has no convertibles: give one scenario settlement advice so its rows are checked.
        report.scenarios[0].settlementAdvice = SettlementAdvice(
            elections: [.init(note: "cb", election: .mixed, own: .cash)], btcSold: 0, dilution: 1, defaulted: false,
            ownBTCSold: 5_025, ownDilution: 0, ownDefaulted: false, exhaustive: true)
        // A small probability map, so its keys are checked too.
        report.probabilityMap = try ProbabilityMapRun.run(
            ProbabilityMapSpec(id: "map", name: "Map", model: .gbm(drift: 0, volatility: 0.8), paths: 20, seed: 1,
                               priceMultiples: [0.5, 1], mnavs: [0.1, 1, 2]),
            treasury: try InputReader.treasury(try bytes("examples/nakamoto-like.xml"), fileName: "n.xml"), horizonDays: 60)
        var board = BoardReportViewModel.build(report, css: "")
        board["hasPrevious"] = true
        board["previousQuarter"] = "2026-Q1"
        var previous = QuarterSummary(quarter: "2026-Q1", treasury: "t", scenarioSet: "s")
        previous.forcedSalePrice = 1
        previous.forcedSaleProbability = 0.5
        previous.btcPerShare = 0.001
        board["previousRows"] = previous.rows(for: report)
        board["hasSystem"] = true
        board["system"] = BoardReportViewModel.systemSection(SystemSection(
            systemName: "S", asOf: report.asOf, btcPrice: 100_000, others: ["A"],
            rows: [.init(scenarioID: "s", scenarioName: "S", amplification: 1.2, btcSold: 1, btcSoldAlone: 0, firstForcedSaleDay: 3,
                         firstForcedSaleDayAlone: nil, firstDefaultDay: nil, firstDefaultDayAlone: nil,
                         caused: [.init(trigger: Trigger(kind: .forcedSale), day: 3, precededBy: [.init(name: "A", usd: 1e6)])])],
            ladder: [Self.systemRung]), treasuryName: "T")
        let comparison = StructureComparison(structures: [.init(id: "a", name: "A", source: "a.xml", sha256: "", report: report)])
        var index = BatchIndexModel.build(quarter: "2026-Q2", entries: [
            { var e = BatchEntry(treasury: "t", scenarioSet: "s", outcome: .ok); e.report = "t/s"; return e }(),
            { var e = BatchEntry(treasury: "u", scenarioSet: "s", outcome: .failed); e.error = "bad"; return e }(),
        ])
        index["css"] = ""
        let system = MarketSystem(name: "S", asOf: report.asOf, btcPrice: 100_000, horizonDays: 30, btcDailyVolumeUSD: 40e9,
                                  priceImpact: PriceImpact(), holders: [try InputReader.treasury(try bytes("examples/nakamoto-like.xml"),
                                                                                                fileName: "n.xml")],
                                  leveragedLongs: [LeveragedBand(liquidationPrice: 90_000, notionalUSD: 1e9)])
        let run = SystemRun.run(system, scenarioID: "s", scenarioName: "S", path: .instant(start: 100_000, shock: -0.3, horizonDays: 30))
        let models: [String: Set<String>] = [
            "report": Self.keys(of: board), "partials/scenario-table": Self.keys(of: board),
            "compare": Self.keys(of: ComparisonViewModel.build(comparison, css: "")), "index": Self.keys(of: index),
            "system": Self.keys(of: SystemViewModel.build(system, results: [run], ladders: [SystemHolderLadder(name: "N", rungs: [Self.systemRung])],
                                                          monteCarlo: [SystemMonteCarloResult(
                id: "mc", name: "MC", paths: 10, seed: 1, amplification: [1, 1, 1, 1, 1],
                holders: [.init(name: "N", forcedSale: 0, forcedSaleWithoutFeedback: 0, defaulted: 0, defaultedWithoutFeedback: 0,
                                causedBySpiral: 0)])], scenarioSetName: "set", toolVersion: "1", css: "")),
        ]
        for (name, text) in DefaultTemplates.files where name.hasSuffix(".mustache") {
            let template = String(name.dropLast(".mustache".count))
            let provided = try #require(models[template], "no view model checked for \(name)")
            for key in try Self.templateKeys(text) {
                #expect(provided.contains(key), "\(name) uses {{\(key)}}, which the view model does not provide")
            }
        }
    }

    /// A rung the spiral brings forward from $60,000 to $66,000.
    static let systemRung = SystemRung(
        together: TriggerRung(trigger: Trigger(kind: .marginCall, ref: "loan"), status: .fires, btcPrice: 66_000, drawdown: -0.34, monotonic: true),
        alone: TriggerRung(trigger: Trigger(kind: .marginCall, ref: "loan"), status: .fires, btcPrice: 60_000, drawdown: -0.4, monotonic: true),
        realisedLow: 60_000)

    /// Every file of the templates folder is built in, byte for byte, under its relative path.
    @Test func defaultTemplatesAreTheTemplatesFolder() throws {
        let root = packageRoot.appendingPathComponent("templates").resolvingSymlinksInPath()
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard !url.hasDirectoryPath else { continue }
            let relative = String(url.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(files == DefaultTemplates.files)
        let folder = try BoardReportRenderer(directory: path("templates"))
        let report = try nakamotoReport()
        #expect(folder.render(report) == (try BoardReportRenderer()).render(report))
    }

    /// A template that does not parse is named with its line and column and what is wrong, in words.
    @Test func aBrokenTemplateIsLocated() throws {
        let folder = NSTemporaryDirectory() + "broken-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<h1>{{title}}</h1>\n<p>{{#tiles}}{{name}}</p>\n".utf8).write(to: URL(fileURLWithPath: folder + "/report.mustache"))
        do {
            _ = try BoardReportRenderer(directory: folder)
            Issue.record("accepted a broken template")
        } catch {
            #expect(error.description.hasPrefix(folder + "/report.mustache:"))
            #expect(error.description.contains(": template: a section ({{#…}} or {{^…}}) is never closed with {{/…}}"))
            #expect(!error.description.contains("ParserError"))
        }
    }

    @Test func aFolderWithoutTheMainTemplateIsRefused() {
        #expect(throws: BoardReportRenderer.TemplateError.self) {
            try BoardReportRenderer(directory: NSTemporaryDirectory() + "no-templates-here")
        }
    }
}
