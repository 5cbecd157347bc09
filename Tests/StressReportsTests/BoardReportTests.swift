import Foundation
import Testing
import StressEngine
import TreasuryModel
import TreasuryXML
@testable import StressReports
@testable import TreasuryStressKit

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

@Suite struct BoardReportTests {
    func nakamotoReport() throws -> StressReport {
        try StressCommandRunner.produce(treasuryPath: path("examples/nakamoto-like.xml"),
                                        scenariosPath: path("examples/scenarios-2026Q1.xml")).report
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
        let report = try nakamotoReport()
        var board = BoardReportViewModel.build(report, css: "")
        board["hasPrevious"] = true
        board["previousQuarter"] = "2026-Q1"
        board["previousRows"] = PreviousQuarter(quarter: "2026-Q1", forcedSalePrice: 1, forcedSaleProbability: 0.5, btcPerShare: 0.001).rows(for: report)
        let comparison = StructureComparison(structures: [.init(id: "a", name: "A", source: "a.xml", sha256: "", report: report)])
        var index = BatchIndexModel.build(quarter: "2026-Q2", entries: [
            { var e = BatchEntry(treasury: "t", scenarioSet: "s", outcome: .ok); e.report = "t/s"; return e }(),
            { var e = BatchEntry(treasury: "u", scenarioSet: "s", outcome: .failed); e.error = "bad"; return e }(),
        ])
        index["css"] = ""
        let models: [String: Set<String>] = [
            "report": Self.keys(of: board), "partials/scenario-table": Self.keys(of: board),
            "compare": Self.keys(of: ComparisonViewModel.build(comparison, css: "")), "index": Self.keys(of: index),
        ]
        for (name, text) in DefaultTemplates.files where name.hasSuffix(".mustache") {
            let template = String(name.dropLast(".mustache".count))
            let provided = try #require(models[template], "no view model checked for \(name)")
            for key in try Self.templateKeys(text) {
                #expect(provided.contains(key), "\(name) uses {{\(key)}}, which the view model does not provide")
            }
        }
    }

    @Test func defaultTemplatesMatchTheTemplatesFolder() throws {
        let folder = try BoardReportRenderer(directory: path("templates"))
        let builtIn = try BoardReportRenderer()
        let report = try nakamotoReport()
        #expect(folder.render(report) == builtIn.render(report), "run scripts/embed-resources.py")
    }

    @Test func aFolderWithoutTheMainTemplateIsRefused() {
        #expect(throws: BoardReportRenderer.TemplateError.self) {
            try BoardReportRenderer(directory: NSTemporaryDirectory() + "no-templates-here")
        }
    }
}

@Suite struct RunCommandTests {
    func scratch() -> String {
        let dir = NSTemporaryDirectory() + "treasury-stress-tests-\(UUID().uuidString)"
        return dir
    }

    @Test func runWritesValidXMLAndHTMLAndIsDeterministic() throws {
        let out = scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try StressCommandRunner.run(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil,
                                                outDirectory: out, formats: [.xml, .html])
        #expect(first.written.map { ($0 as NSString).lastPathComponent } == ["ibit-fund.xml", "ibit-fund.html"])
        let xml = try String(contentsOfFile: out + "/ibit-fund.xml", encoding: .utf8)
        _ = try InputReader.report(Array(xml.utf8), fileName: "ibit-fund.xml")
        let second = try StressCommandRunner.produce(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil)
        #expect(second.xml == xml)
        #expect(second.html == first.html)
        // render of the written XML gives the same HTML as run.
        let rendered = try StressCommandRunner.render(reportPath: out + "/ibit-fund.xml", outPath: out + "/again.html")
        #expect(try String(contentsOfFile: rendered, encoding: .utf8) == first.html)
    }

    @Test func badInputExits65AndWritesNothing() throws {
        let out = scratch()
        let bad = NSTemporaryDirectory() + "bad-\(UUID().uuidString).xml"
        try Data("<treasury xmlns=\"urn:treasury-stress:treasury:1\" name=\"x\"".utf8).write(to: URL(fileURLWithPath: bad))
        defer { try? FileManager.default.removeItem(atPath: bad) }
        do {
            _ = try StressCommandRunner.run(treasuryPath: bad, scenariosPath: nil, outDirectory: out, formats: [.xml, .html])
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.hasPrefix(bad + ":1:"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aMissingFileIsABadInput() {
        do {
            _ = try StressCommandRunner.produce(treasuryPath: "/nonexistent/treasury.xml", scenariosPath: nil)
            Issue.record("accepted a missing file")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description == "/nonexistent/treasury.xml: no such file")
        }
    }

    @Test func jobsDoNotChangeTheReportBytes() throws {
        func report(jobs: Int) throws -> String {
            try StressCommandRunner.produce(
                treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: path("examples/scenarios-2026Q1.xml"),
                formats: [.xml], monteCarlo: .init(paths: 3_000, seed: 5, jobs: jobs)).xml
        }
        let one = try report(jobs: 1)
        #expect(one == (try report(jobs: 2)))
        #expect(one.contains("<monteCarlo id=\"mc-jumps\""))
        #expect(one.contains("paths=\"3000\" seed=\"5\""))
    }

    @Test func validateNamesEachFilesKind() {
        let results = StressCommandRunner.validate(paths: [path("examples/strategy-like.xml"), path("examples/scenarios-2026Q1.xml")])
        #expect(results.map { (try? $0.result.get())?.rawValue } == ["treasury", "scenarioSet"])
    }
}

/// The committed sample reports are what the current code produces from the examples.
@Suite struct SampleReportTests {
    @Test(arguments: ["strategy-like", "nakamoto-like", "ibit-fund"])
    func samplesAreFresh(_ example: String) throws {
        let output = try StressCommandRunner.produce(treasuryPath: path("examples/\(example).xml"), scenariosPath: nil)
        let xml = try String(contentsOfFile: path("reports/samples/\(example).xml"), encoding: .utf8)
        let html = try String(contentsOfFile: path("reports/samples/\(example).html"), encoding: .utf8)
        #expect(output.xml == xml, "reports/samples/\(example).xml is stale: run scripts/regenerate-samples.sh")
        #expect(output.html == html, "reports/samples/\(example).html is stale: run scripts/regenerate-samples.sh")
    }

    @Test func theLoanExamplesLadderMatchesItsClosedForm() throws {
        let report = try StressCommandRunner.produce(treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: nil).report
        let call = report.ladder.first { $0.trigger == Trigger(kind: .marginCall, ref: "kraken-usdt") }?.btcPrice ?? 0
        let liquidation = report.ladder.first { $0.trigger == Trigger(kind: .liquidation, ref: "kraken-usdt") }?.btcPrice ?? 0
        #expect(abs(call / (210e6 / (2834 * 0.75)) - 1) < 1e-4)
        #expect(abs(liquidation / (210e6 / (2834 * 0.85)) - 1) < 1e-4)
    }
}
