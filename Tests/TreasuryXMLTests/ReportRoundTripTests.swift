import Foundation
import Testing
import StressEngine
import StressResults
import TreasuryModel
@testable import TreasuryXML

/// The package folder, found from this file so tests do not depend on the working directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func exampleBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("examples/\(name)")))
}

@Suite struct ReportRoundTripTests {
    func report() throws -> StressReport {
        let treasury = try InputReader.treasury(try exampleBytes("nakamoto-like.xml"), fileName: "nakamoto-like.xml")
        var set = try InputReader.scenarioSet(try exampleBytes("scenarios-2026Q1.xml"), fileName: "scenarios-2026Q1.xml")
        for i in set.monteCarlo.indices { set.monteCarlo[i].paths = 200 }
        return try StressTest.run(treasury: treasury, scenarios: set,
                                 inputs: [ReportInput(role: "treasury", name: "nakamoto-like.xml", sha256: String(repeating: "a", count: 64))])
    }

    @Test func reportXMLReadBackWritesTheSameBytes() throws {
        let xml = try ReportWriter.xml(try report())
        let readBack = try InputReader.report(Array(xml.utf8), fileName: "report.xml")
        #expect(try ReportWriter.xml(readBack) == xml)
        #expect(readBack.scenarios.count == 5)
        #expect(readBack.ladder.contains { $0.trigger == Trigger(kind: .marginCall, ref: "kraken-usdt") })
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        #expect(try ReportWriter.xml(try report()) == ReportWriter.xml(try report()))
    }

    /// A hand-edited report whose days leave its horizon is refused where the day is (its dates
    /// would overflow), not trapped on.
    @Test(arguments: ["<event day=\"", "<point day=\"", "minLiquidityDay=\""])
    func daysBeyondTheHorizonAreRefused(_ marker: String) throws {
        var text = try String(contentsOf: packageRoot.appendingPathComponent("reports/samples/nakamoto-like.xml"), encoding: .utf8)
        let range = try #require(text.range(of: marker))
        let end = try #require(text[range.upperBound...].firstIndex(of: "\""))
        text.replaceSubrange(range.upperBound..<end, with: "9223372036854775807")
        do {
            _ = try InputReader.report(Array(text.utf8), fileName: "r.xml")
            Issue.record("accepted a day past the horizon")
        } catch {
            #expect(error.description.hasPrefix("r.xml:"))
            #expect(error.description.contains("(9223372036854775807) must be between 0 and horizonDays (730)"))
        }
    }

    @Test func userStringsAreEscapedInTheXML() throws {
        var r = try report()
        r.treasuryName = "A & B <script>alert(1)</script> \"quoted\""
        let xml = try ReportWriter.xml(r)
        #expect(xml.contains("treasury=\"A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;\""))
        #expect(try InputReader.report(Array(xml.utf8), fileName: "r.xml").treasuryName == r.treasuryName)
    }

    @Test(arguments: ["strategy-like.xml", "nakamoto-like.xml", "ibit-fund.xml", "scenarios-2026Q1.xml"])
    func examplesAreValid(_ name: String) throws {
        _ = try InputReader.validate(try exampleBytes(name), fileName: name)
    }

    /// Every published XSD is one the tool validates with, byte for byte, and each compiles.
    @Test func everyPublishedSchemaIsEmbeddedAndCompiles() throws {
        let folder = packageRoot.appendingPathComponent("schemas")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xsd") }.sorted()
        #expect(files == Schema.all.map(\.fileName).sorted())
        for schema in Schema.all {
            let file = try String(contentsOf: folder.appendingPathComponent(schema.fileName), encoding: .utf8)
            #expect(file == schema.text, "\(schema.fileName) differs from the embedded copy")
            let document = try SecureXMLParser.parse(Array(schema.text.utf8), fileName: schema.fileName)
            #expect(document.root != nil)
        }
    }
}
