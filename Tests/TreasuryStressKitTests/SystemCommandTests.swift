import Foundation
import Testing
import StressResults
import TreasuryModel
import TreasuryXML
@testable import TreasuryStressKit

/// `system SYSTEM.xml` end to end, and one test per class of bad system input (issue 8).
@Suite struct SystemCommandTests {
    /// A system file in a scratch folder beside copies of the examples it names.
    func scratchSystem(_ body: String, holders: [String] = ["nakamoto-like", "sequans-like"]) throws -> (folder: String, path: String) {
        let folder = try scratchFolder()
        for name in ["nakamoto-like", "sequans-like", "metaplanet-like", "ibit-fund", "strategy-like", "scenarios-2026Q1"] {
            try FileManager.default.copyItem(atPath: path("examples/\(name).xml"), toPath: folder + "/\(name).xml")
        }
        let holderLines = holders.map { "  <holder path=\"\($0).xml\"/>" }.joined(separator: "\n")
        let text = """
        <system xmlns="urn:treasury-stress:system:1" name="Test" asOf="2025-10-09" btcPrice="121000" horizonDays="60">
          <market btcDailyVolumeUSD="40e9"><priceImpact/></market>
        \(holderLines)
        \(body)
        </system>
        """
        try write(text, to: folder + "/system.xml")
        return (folder, folder + "/system.xml")
    }

    func refusal(_ body: String, holders: [String] = ["nakamoto-like", "sequans-like"]) throws -> String {
        let (folder, system) = try scratchSystem(body, holders: holders)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try SystemCommand.run(system, outDirectory: folder)
            Issue.record("accepted")
            return ""
        } catch {
            #expect(error.exitCode == 65, "\(error)")
            #expect(!files(under: folder).contains { $0.contains("-system.") }, "wrote output for a bad input")
            return "\(error)"
        }
    }

    /// The example runs: every scenario of the built-in set, a schema-valid report (XML and
    /// JSON), the cascade replay amplified by the selling.
    @Test func theExampleSystemRuns() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try SystemCommand.run(path("examples/system-2025-10.xml"), outDirectory: folder, formats: [.xml, .html, .json, .csv],
                                           monteCarlo: .init(paths: HeavyTests.enabled ? nil : 500))
        #expect(output.written.map { ($0 as NSString).lastPathComponent }
            == ["system-2025-10-system.xml", "system-2025-10-system.html"]
                + ["scenarios", "days", "holders", "ladder", "montecarlo-probabilities"].map { "system-2025-10-system-\($0).csv" }
                + ["system-2025-10-system.json"])
        // The ladder table: one row per holder and trigger, the system's prices to the cent.
        let ladderCSV = try read(folder + "/system-2025-10-system-ladder.csv")
        #expect(ladderCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
            == 1 + output.ladders.reduce(0) { $0 + $1.rungs.count })
        #expect(ladderCSV.contains("Sequans-like (illustrative),marginCall,debentures,fires,"))
        #expect(output.system.holders.count == 6)
        #expect(output.results.count == StandardScenarios.set.scenarios.count)
        let cascade = try #require(output.results.first { $0.scenarioID == "replay-2025-10" })
        #expect((cascade.amplification ?? 0) > 1.1)
        #expect(cascade.days.contains { $0.rounds > 1 })
        #expect(output.html.contains("If everyone sells together"))
        // Each holder's ladder in the system: the Sequans-like debentures' margin call fires at a
        // higher BTC price with the bands between it and today's price than with no sale moving it.
        #expect(output.ladders.map(\.name) == output.system.holders.map(\.name))
        let sequans = try #require(output.ladders.first { $0.name == "Sequans-like (illustrative)" })
        let call = try #require(sequans.rungs.first { $0.trigger == Trigger(kind: .marginCall, ref: "debentures") })
        #expect((call.broughtForward ?? 0) > 0.01)
        #expect(output.html.contains("Where each holder\u{2019}s spiral starts") || output.html.contains("Where each holder&#39;s spiral starts")
            || output.html.contains("Where each holder's spiral starts"))
        #expect(output.xml.contains("<rung kind=\"marginCall\" ref=\"debentures\" status=\"fires\""))
        #expect(output.system.holders.allSatisfy { $0.asOf.description == "2025-10-09" && $0.market.btcPrice == 121_000 })
    }

    @Test func aMissingHolderFile() throws {
        let message = try refusal("  <scenarios builtIn=\"true\"/>", holders: ["nakamoto-like", "nobody"])
        #expect(message.contains("system.xml:4:3: holder \"nobody.xml\": no such file"), "\(message)")
    }

    @Test func aHolderThatIsNotATreasury() throws {
        let message = try refusal("  <scenarios builtIn=\"true\"/>", holders: ["nakamoto-like", "scenarios-2026Q1"])
        #expect(message.contains("scenarios-2026Q1.xml"), "\(message)")
        #expect(message.contains("treasury"), "\(message)")
    }

    @Test func tooManyHolders() throws {
        let message = try refusal("  <scenarios builtIn=\"true\"/>", holders: Array(repeating: "nakamoto-like", count: 51))
        #expect(message.contains("system.xml:1:1: 51 holders; a system may hold at most 50"), "\(message)")
    }

    @Test func twoHoldersWithTheSameName() throws {
        let message = try refusal("  <scenarios builtIn=\"true\"/>", holders: ["nakamoto-like", "nakamoto-like"])
        #expect(message.contains("system.xml:4:3: holder \"nakamoto-like.xml\": its treasury is named \"Nakamoto-like (illustrative)\""), "\(message)")
    }

    @Test func bandsOutOfOrder() throws {
        let message = try refusal("""
          <leveragedLongs>
            <band liquidationPrice="110000" notionalUSD="1e9"/>
            <band liquidationPrice="115000" notionalUSD="1e9"/>
          </leveragedLongs>
          <scenarios builtIn="true"/>
        """)
        #expect(message.contains(":7:5: band: liquidationPrice (115000.0) must be below the band before it (110000.0)"), "\(message)")
    }

    @Test func aNegativeNotional() throws {
        let message = try refusal("""
          <leveragedLongs><band liquidationPrice="110000" notionalUSD="-1e9"/></leveragedLongs>
          <scenarios builtIn="true"/>
        """)
        #expect(message.contains("band: notionalUSD (-1000000000.0) must be between 0.0 and"), "\(message)")
    }

    /// A holder whose loan matured before the system's date cannot be valued there.
    @Test func aHolderThatCannotBeValuedAtTheSystemsDate() throws {
        let (folder, system) = try scratchSystem("  <scenarios builtIn=\"true\"/>")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try read(system).replacingOccurrences(of: "asOf=\"2025-10-09\"", with: "asOf=\"2027-01-01\"")
        try write(text, to: system)
        do {
            _ = try SystemCommand.run(system, outDirectory: folder)
            Issue.record("accepted")
        } catch {
            #expect(error.exitCode == 65)
            #expect("\(error)".contains("holder \"nakamoto-like.xml\" cannot be valued at the system's date 2027-01-01"), "\(error)")
        }
    }

    /// Calibration of the example: a fall of 7 % on 10 Oct 2025 with no feedback, on a day whose
    /// depth collapses by 90 %, becomes what the day was: the bands liquidated in rounds take the
    /// price from $121,000 to about $104,500 (the real low was about $105,000) and sell about
    /// $17B of leveraged longs (about $19B were liquidated). The same fall at normal depth
    /// realises only about −9 %.
    @Test func theExampleReproducesTenOctoberFromAFeedbackFreeFall() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["strategy-like", "nakamoto-like", "sequans-like", "metaplanet-like", "ibit-fund", "trump-media-like"] {
            try FileManager.default.copyItem(atPath: path("examples/\(name).xml"), toPath: folder + "/\(name).xml")
        }
        try write("""
            <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="calibration" horizonDays="30">
              <instant id="crash" name="BTC −7 %, depth −90 %" btcShock="-0.07" volumeShock="-0.9" volumeShockFrom="1" volumeShockTo="2"/>
              <instant id="plain" name="BTC −7 %" btcShock="-0.07"/>
            </scenarioSet>
            """, to: folder + "/calibration.xml")
        let system = try read(path("examples/system-2025-10.xml"))
            .replacingOccurrences(of: "<scenarios builtIn=\"true\"/>", with: "<scenarios path=\"calibration.xml\"/>")
        try write(system, to: folder + "/system.xml")
        let output = try SystemCommand.produce(folder + "/system.xml")
        let crash = try #require(output.results.first { $0.scenarioID == "crash" })
        #expect(abs(crash.days[1].exogenousPrice - 112_530) < 1e-6)
        #expect((100_000...108_000).contains(crash.days[1].price), "\(crash.days[1].price)")
        #expect((15e9...19.5e9).contains(crash.days[1].leveragedSalesUSD), "\(crash.days[1].leveragedSalesUSD)")
        #expect(crash.days[1].rounds >= 2)
        let plain = try #require(output.results.first { $0.scenarioID == "plain" })
        #expect(plain.realisedWorstDrawdown < 0.1 && plain.realisedWorstDrawdown > 0.07)
    }

    /// `run --system`: the holder's own report gains "if the others sell too", stored in its XML
    /// (render gives the same page), with its outcome alone matching the system's counterfactual.
    @Test func aHoldersReportShowsIfTheOthersSellToo() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(quickSet, to: folder + "/quick.xml")
        let output = try ReportCommands.run(treasuryPath: path("examples/sequans-like.xml"), scenariosPath: folder + "/quick.xml",
                                            outDirectory: folder, formats: [.xml, .html], systemPath: path("examples/system-2025-10.xml"))
        let section = try #require(output.report.system)
        #expect(section.others.count == 5 && !section.others.contains("Sequans-like (illustrative)"))
        #expect(section.rows.count == StandardScenarios.set.scenarios.count)
        #expect(output.html.contains("If the others sell too"))
        let system = try SystemCommand.produce(path("examples/system-2025-10.xml"), monteCarlo: .init(paths: 1))
        for (row, result) in zip(section.rows, system.results) {
            let holder = try #require(result.holders.first { $0.name == "Sequans-like (illustrative)" })
            #expect(abs(row.btcSold - holder.outcome.btcSold) < 1e-8)
            #expect(abs(row.btcSoldAlone - holder.counterfactual.btcSold) < 1e-8)
            #expect(row.caused.map(\.trigger) == holder.causedBySpiral.map(\.trigger))
        }
        // Its ladder in the system is the system's own for that holder, stored in the report XML.
        let ladder = try #require(system.ladders.first { $0.name == "Sequans-like (illustrative)" })
        #expect(section.ladder.map(\.trigger) == ladder.rungs.map(\.trigger))
        for (stored, computed) in zip(section.ladder, ladder.rungs) {
            #expect(abs((stored.together.btcPrice ?? 0) - (computed.together.btcPrice ?? 0)) <= 0.005)
            #expect(abs((stored.alone.btcPrice ?? 0) - (computed.alone.btcPrice ?? 0)) <= 0.005)
            #expect(stored.together.driver?.kind == computed.together.driver?.kind)
        }
        let decoded = try InputReader.report(Array(try read(folder + "/sequans-like.xml").utf8), fileName: "sequans-like.xml")
        #expect(decoded.system?.ladder.count == section.ladder.count)
        #expect(decoded.system?.ladder.map(\.trigger) == section.ladder.map(\.trigger))
        #expect(output.html.contains("with the others\u{2019} selling") || output.html.contains("with the others&#39; selling")
            || output.html.contains("with the others' selling"))
        let rendered = try ReportCommands.render(reportPath: folder + "/sequans-like.xml", outPath: folder + "/again.html")
        #expect(try read(rendered) == (try read(folder + "/sequans-like.html")))
    }
}
