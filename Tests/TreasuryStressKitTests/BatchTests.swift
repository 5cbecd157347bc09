import Foundation
import Testing
import TreasuryModel
import TreasuryXML
import StressReports
@testable import TreasuryStressKit
import StressResults

@Suite(.serialized) struct BatchTests {
    /// A batch folder: treasuries (copies of the examples, plus extras), the quick set twice, a manifest.
    func makeBatch(_ folder: String, quarter: String = "2026-Q1", treasuries: [String: String], monteCarloPaths: Int? = nil,
                   sets: [String] = ["quick-a", "quick-b"]) throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/treasuries", withIntermediateDirectories: true)
        for (name, text) in treasuries { try write(text, to: folder + "/treasuries/\(name).xml") }
        for set in sets { try write(quickSet, to: folder + "/\(set).xml") }
        let paths = monteCarloPaths.map { " monteCarloPaths=\"\($0)\"" } ?? ""
        let manifest = """
        <batch xmlns="urn:treasury-stress:batch:1" quarter="\(quarter)" output="out"\(paths)>
          <treasury path="treasuries/*.xml"/>
        \(sets.map { "  <scenarios path=\"\($0).xml\"/>" }.joined(separator: "\n"))
        </batch>
        """
        try write(manifest, to: folder + "/batch-\(quarter).xml")
        return folder + "/batch-\(quarter).xml"
    }

    func example(_ name: String) throws -> String { try read(path("examples/\(name).xml")) }

    @Test func aBadTreasuryIsReportedAndTheOthersComplete() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try makeBatch(folder, treasuries: [
            "alpha": try example("nakamoto-like"), "beta": try example("ibit-fund"),
            "broken": try example("nakamoto-like").replacingOccurrences(of: "liquidationLTV=\"0.85\"", with: "liquidationLTV=\"0.70\""),
        ])
        let plan = try QuarterlyBatch.plan(manifestPath: manifest)
        #expect(plan.jobs.count == 6)
        let result = try QuarterlyBatch.run(plan: plan, jobs: 2)
        #expect(result.ran.count == 4)
        #expect(result.failed.map(\.job.treasury) == ["broken", "broken"])
        #expect(result.failed.first?.error.contains("broken.xml:") == true)
        #expect(result.failed.first?.error.contains("liquidationLTV (0.7) must be above marginCallLTV (0.75)") == true)
        #expect(result.exitCode == 65)
        let summary = try read(plan.quarterDirectory + "/summary.xml")
        #expect(summary.contains("entries=\"6\" failed=\"2\""))
        #expect(summary.contains("treasury=\"broken\" scenarioSet=\"quick-a\" outcome=\"failed\""))
        let index = try read(plan.quarterDirectory + "/index.html")
        #expect(index.contains("alpha/quick-a.html"))
        #expect(index.contains("input error"))
        _ = try InputReader.report(Array(try read(plan.quarterDirectory + "/alpha/quick-b.xml").utf8), fileName: "r.xml")
    }

    @Test func shardsMergedEqualTheWholeRun() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let treasuries = ["alpha": try example("nakamoto-like"), "beta": try example("ibit-fund"), "gamma": try example("strategy-like")]
        let whole = try makeBatch(folder + "/whole", treasuries: treasuries, monteCarloPaths: 300)
        let sharded = try makeBatch(folder + "/sharded", treasuries: treasuries, monteCarloPaths: 300)
        _ = try QuarterlyBatch.run(plan: try QuarterlyBatch.plan(manifestPath: whole), jobs: 2)
        let plan = try QuarterlyBatch.plan(manifestPath: sharded)
        let one = try QuarterlyBatch.run(plan: plan, shard: (1, 2), jobs: 1)
        let two = try QuarterlyBatch.run(plan: plan, shard: (2, 2), jobs: 1)
        #expect(one.ran.count + two.ran.count == 6)
        #expect(!FileManager.default.fileExists(atPath: plan.quarterDirectory + "/index.html"))
        try QuarterlyBatch.merge(plan: plan)
        let a = folder + "/whole/out/2026-Q1", b = folder + "/sharded/out/2026-Q1"
        #expect(files(under: a) == files(under: b))
        for file in files(under: a) {
            #expect(try read(a + "/" + file) == (try read(b + "/" + file)), "\(file) differs")
        }
    }

    @Test func historyAcrossTwoQuartersShowsTheChange() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let q1 = try example("strategy-like")
        // Q2: 5 % more shares, so BTC per share falls by 1 − 1/1.05 = 4.76 %.
        let q2 = q1.replacingOccurrences(of: "sharesOutstanding=\"287.1e6\"", with: "sharesOutstanding=\"301.455e6\"")
        // And a loan company that pledges 3,000 BTC instead of 2,834: liquidation moves from
        // 210e6 / (2834 · 0.85) = $87,176.23 to 210e6 / (3000 · 0.85) = $82,352.94.
        let loanQ1 = try example("nakamoto-like")
        let loanQ2 = loanQ1.replacingOccurrences(of: "collateralBTC=\"2834\"", with: "collateralBTC=\"3000\"")
        let first = try makeBatch(folder, quarter: "2026-Q1", treasuries: ["mstr": q1, "naka": loanQ1], sets: ["quick-a"])
        _ = try QuarterlyBatch.run(plan: try QuarterlyBatch.plan(manifestPath: first), jobs: 1)
        try FileManager.default.removeItem(atPath: folder + "/treasuries")
        let second = try makeBatch(folder, quarter: "2026-Q2", treasuries: ["mstr": q2, "naka": loanQ2], sets: ["quick-a"])
        let plan = try QuarterlyBatch.plan(manifestPath: second)
        _ = try QuarterlyBatch.run(plan: plan, jobs: 1)
        let summary = try read(plan.quarterDirectory + "/summary.xml")
        #expect(summary.contains("btcPerShare=\"0.0021231394\""))
        #expect(summary.contains("previousQuarter=\"2026-Q1\""))
        #expect(summary.contains("previousBTCPerShare=\"0.0022292964\""))
        let index = try read(plan.quarterDirectory + "/index.html")
        #expect(index.contains("212,314 sats (−4.8 %)"))
        // Rows name the treasury as its file does, not by the job's file name.
        #expect(index.contains("Strategy-like (illustrative)") && !index.contains(">mstr<"))
        #expect(try read(plan.quarterDirectory + "/mstr/quick-a.html").contains("Change since 2026-Q1"))
        #expect(summary.contains("liquidationPrice=\"82352."))
        #expect(summary.contains("previousLiquidationPrice=\"87176."))
        #expect(try read(plan.quarterDirectory + "/naka/quick-a.html").contains("BTC price of the first loan liquidation"))
        let rows = try HistoryStore(path: plan.historyPath).trend(treasury: "mstr")
        #expect(rows.map(\.quarter) == ["2026-Q1", "2026-Q2"])
        let table = HistoryTable.render(rows)
        #expect(table.contains("2026-Q2"))
        #expect(table.contains("212314 (-4.8%)"))
        // The quarter's summary also as JSON and CSV, with the same figures.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try read(plan.quarterDirectory + "/summary.json").utf8))
            as? [String: Any])
        let entries = try #require(json["entry"] as? [[String: Any]])
        #expect(entries.first { $0["treasury"] as? String == "mstr" }?["btcPerShare"] as? Double == 0.0021231394)
        #expect(entries.first { $0["treasury"] as? String == "naka" }?["previousLiquidationPrice"] as? Double == 87_176.23)
        let csv = try read(plan.quarterDirectory + "/summary.csv")
        #expect(csv.hasPrefix("quarter,treasury,scenario_set,outcome,as_of,status,"))
        #expect(csv.contains("2026-Q2,mstr,quick-a,ok,"))
        // history prints the trend as text, CSV, JSON or XML.
        let historyCSV = try HistoryExport.render(treasury: "mstr", database: plan.historyPath, format: .csv)
        #expect(historyCSV.split(separator: "\r\n").count == 3)
        #expect(historyCSV.contains("2026-Q2,mstr,quick-a,"))
        let historyJSON = try #require(try JSONSerialization.jsonObject(
            with: Data(try HistoryExport.render(treasury: "mstr", database: plan.historyPath, format: .json).utf8)) as? [String: Any])
        #expect((historyJSON["entry"] as? [[String: Any]])?.compactMap { $0["btcPerShare"] as? Double } == [0.0022292964, 0.0021231394])
        #expect(try HistoryExport.render(treasury: "mstr", database: plan.historyPath, format: .xml)
            .contains("xmlns=\"urn:treasury-stress:history:1\""))
        #expect(try HistoryExport.render(treasury: "nobody", database: plan.historyPath, format: .text).hasPrefix("no history for nobody"))
    }

    /// Stopped mid-batch by Ctrl-C or a scheduler's SIGTERM, the batch finishes the reports under
    /// way, writes nothing half, exits 130 and resumes. Run on the binary of the configuration
    /// under test: signal handling differs in an optimised build (a released signal source once
    /// made the release binary ignore both signals).
    @Test(arguments: [SIGINT, SIGTERM])
    func aStoppedBatchLeavesNothingHalfWrittenAndResumes(signal: Int32) throws {
        // Each job takes a moment (300 paths in a debug build, 1,000 optimised), so the signal lands
        // while most are still to come.
        #if DEBUG
        let configuration = "debug", paths = 300
        #else
        let configuration = "release", paths = 1_000
        #endif
        let binary = path(".build/\(configuration)/treasury-stress")
        try #require(FileManager.default.isExecutableFile(atPath: binary),
                     "build the tool first (swift build -c \(configuration) --product treasury-stress)")
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var treasuries: [String: String] = [:]
        for i in 1...4 { treasuries["t\(i)"] = try example("nakamoto-like") }
        let manifest = try makeBatch(folder, treasuries: treasuries, sets: ["quick-a"])
        // Give the set a Monte Carlo run so each job takes a moment.
        try write("""
            <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="slow" horizonDays="365">
              <instant id="m40" btcShock="-0.4"/>
              <monteCarlo id="mc" model="gbm" paths="\(paths)"/>
            </scenarioSet>
            """, to: folder + "/quick-a.xml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["batch", manifest, "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let quarter = folder + "/out/2026-Q1"
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && !files(under: quarter).contains(where: { $0.hasSuffix(".inputs") }) {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let written = files(under: quarter)
        #expect(!written.contains { $0.contains(".tmp") })
        let done = written.filter { $0.hasSuffix(".inputs") }.count
        #expect(done >= 1 && done < 4)
        // Every job with its .inputs has both reports; no index yet.
        for file in written where file.hasSuffix(".inputs") {
            let stem = String(file.dropLast(".inputs".count))
            #expect(written.contains(stem + ".xml") && written.contains(stem + ".html"))
        }
        #expect(!written.contains("index.html"))
        let result = try QuarterlyBatch.run(plan: try QuarterlyBatch.plan(manifestPath: manifest), jobs: 2)
        #expect(result.skipped.count == done)
        #expect(result.ran.count == 4 - done)
        #expect(files(under: quarter).contains("index.html"))
    }
}
