import Foundation
import Testing
import StressEngine
import StressResults
import TreasuryModel
import TreasuryXML
import StressReports
@testable import TreasuryStressKit

@Suite struct RunCommandTests {
    func scratch() -> String {
        let dir = NSTemporaryDirectory() + "treasury-stress-tests-\(UUID().uuidString)"
        return dir
    }

    @Test func runWritesValidXMLAndHTMLAndIsDeterministic() throws {
        let out = scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try ReportCommands.run(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil,
                                                outDirectory: out, formats: [.xml, .html], monteCarlo: .init(paths: 300, mapPaths: 3))
        #expect(first.written.map { ($0 as NSString).lastPathComponent } == ["ibit-fund.xml", "ibit-fund.html"])
        let xml = try String(contentsOfFile: out + "/ibit-fund.xml", encoding: .utf8)
        _ = try InputReader.report(Array(xml.utf8), fileName: "ibit-fund.xml")
        let second = try ReportCommands.produce(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil,
                                                     monteCarlo: .init(paths: 300, mapPaths: 3))
        #expect(second.xml == xml)
        #expect(second.html == first.html)
        // render of the written XML gives the same HTML as run.
        let rendered = try ReportCommands.render(reportPath: out + "/ibit-fund.xml", outPath: out + "/again.html")
        #expect(try String(contentsOfFile: rendered, encoding: .utf8) == first.html)
    }

    @Test func badInputExits65AndWritesNothing() throws {
        let out = scratch()
        let bad = NSTemporaryDirectory() + "bad-\(UUID().uuidString).xml"
        try Data("<treasury xmlns=\"urn:treasury-stress:treasury:1\" name=\"x\"".utf8).write(to: URL(fileURLWithPath: bad))
        defer { try? FileManager.default.removeItem(atPath: bad) }
        do {
            _ = try ReportCommands.run(treasuryPath: bad, scenariosPath: nil, outDirectory: out, formats: [.xml, .html])
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.hasPrefix(bad + ":1:"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aMissingFileIsABadInput() {
        do {
            _ = try ReportCommands.produce(treasuryPath: "/nonexistent/treasury.xml", scenariosPath: nil)
            Issue.record("accepted a missing file")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description == "/nonexistent/treasury.xml: no such file")
        }
    }

    /// The whole report, two 600-path Monte Carlo runs and all, byte for byte on one thread and on
    /// two: about 2M path-days twice, so in the release pass (the engine's own jobs tests run in both).
    @Test(.heavy) func jobsDoNotChangeTheReportBytes() throws {
        func report(jobs: Int) throws -> String {
            try ReportCommands.produce(
                treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: path("examples/scenarios-2026Q1.xml"),
                formats: [.xml], monteCarlo: .init(paths: 600, seed: 5, jobs: jobs)).xml
        }
        let one = try report(jobs: 1)
        #expect(one == (try report(jobs: 2)))
        #expect(one.contains("<monteCarlo id=\"mc-jumps\""))
        #expect(one.contains("paths=\"600\" seed=\"5\""))
    }

    @Test func validateNamesEachFilesKind() {
        let results = ReportCommands.validate(paths: [path("examples/strategy-like.xml"), path("examples/scenarios-2026Q1.xml")])
        #expect(results.map { (try? $0.result.get())?.rawValue } == ["treasury", "scenarioSet"])
    }
}

/// The committed sample reports are what the current code produces from the examples.
@Suite struct SampleReportTests {
    @Test(.heavy, arguments: ["strategy-like", "nakamoto-like", "ibit-fund"])
    func samplesAreFresh(_ example: String) throws {
        let output = try ReportCommands.produce(treasuryPath: path("examples/\(example).xml"), scenariosPath: nil)
        let xml = try String(contentsOfFile: path("reports/samples/\(example).xml"), encoding: .utf8)
        let html = try String(contentsOfFile: path("reports/samples/\(example).html"), encoding: .utf8)
        #expect(output.xml == xml, "reports/samples/\(example).xml is stale: run scripts/regenerate-samples.sh")
        #expect(output.html == html, "reports/samples/\(example).html is stale: run scripts/regenerate-samples.sh")
    }

    @Test func theLoanExamplesLadderMatchesItsClosedForm() throws {
        let report = try ReportCommands.produce(treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: nil,
                                                     monteCarlo: .init(paths: 100, mapPaths: 3)).report
        let call = report.ladder.first { $0.trigger == Trigger(kind: .marginCall, ref: "kraken-usdt") }?.btcPrice ?? 0
        let liquidation = report.ladder.first { $0.trigger == Trigger(kind: .liquidation, ref: "kraken-usdt") }?.btcPrice ?? 0
        #expect(abs(call / (210e6 / (2834 * 0.75)) - 1) < 1e-4)
        #expect(abs(liquidation / (210e6 / (2834 * 0.85)) - 1) < 1e-4)
    }
}
