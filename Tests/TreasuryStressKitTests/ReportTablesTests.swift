import CSV
import Foundation
import Testing
import StressResults
@testable import TreasuryStressKit

/// `--format csv`: one RFC 4180 file per table, read back by an independent CSV reader.
@Suite struct ReportTablesTests {
    @Test func everyTableReadsBackWithItsHeaderAndRows() throws {
        let out = NSTemporaryDirectory() + "treasury-stress-csv-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let output = try ReportCommands.run(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil,
                                            outDirectory: out, formats: [.csv], monteCarlo: .init(paths: 300, mapPaths: 3))
        let names = output.written.map { ($0 as NSString).lastPathComponent }
        #expect(names == ["scenarios", "ladder", "montecarlo-probabilities", "montecarlo-quantiles", "events", "coverage",
                          "probability-map"].map { "ibit-fund-\($0).csv" })
        let tables = ReportTables.tables(output.report)
        for (table, file) in zip(tables, output.written) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            // RFC 4180: CRLF after every record, the last included.
            #expect(bytes.suffix(2) == Data("\r\n".utf8))
            let reader = try CSVReader(string: String(decoding: bytes, as: UTF8.self), hasHeaderRow: true)
            #expect(reader.headerRow == table.header)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }
            #expect(rows == table.rows, "\(table.name) does not read back")
        }
        // Scenario names hold commas ("BTC −50 %, equity −30 % more, …"): quoted, and read back whole.
        let scenarios = try #require(tables.first)
        #expect(scenarios.rows.count == output.report.scenarios.count)
        #expect(scenarios.rows.contains { $0[1].contains(",") })
        #expect(scenarios.header.allSatisfy { !$0.contains(" ") })
        // The built-in map: 13 × 9 cells, exactly one of them today's.
        let map = try #require(tables.first { $0.name == "probability-map" })
        #expect(map.rows.count == 117 && map.rows.filter { $0[5] == "true" }.count == 1)
    }

    /// `compare --format csv,json`: the structures' tables, and the comparison as JSON.
    @Test func compareExportsItsTablesAndJSON() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(quickSet, to: folder + "/quick.xml")
        let output = try ComparisonCommand.run(base: path("examples/strategy-like.xml"), others: [path("examples/nakamoto-like.xml")],
                                               variants: nil, scenarios: folder + "/quick.xml", outDirectory: folder,
                                               formats: [.csv, .json])
        #expect(output.written.map { ($0 as NSString).lastPathComponent } == [
            "strategy-like-comparison-scenarios.csv", "strategy-like-comparison-ladder.csv",
            "strategy-like-comparison-montecarlo-probabilities.csv", "strategy-like-comparison.json"])
        let reader = try CSVReader(string: try read(output.written[0]), hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        // Two structures × two scenarios, the base first; the names with their commas whole.
        #expect(rows.map { $0[0] + "/" + $0[2] } == ["strategy-like/m40", "strategy-like/m70", "nakamoto-like/m40", "nakamoto-like/m70"])
        #expect(rows[0][1] == "Strategy-like (illustrative)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try read(output.written[3]).utf8)) as? [String: Any])
        let structures = try #require(json["structure"] as? [[String: Any]])
        #expect(structures.map { $0["id"] as? String } == ["strategy-like", "nakamoto-like"])
        let sold = (structures[1]["scenario"] as? [[String: Any]])?.map { $0["btcSold"] as? Double }
        #expect(sold == output.comparison.structures[1].report.scenarios.map { ($0.btcSold * 1e8).rounded() / 1e8 })
    }

    /// Names with commas, quotes and line ends are quoted (RFC 4180) and read back whole.
    @Test func namesWithCommasAndQuotesReadBackWhole() throws {
        let names = ["Fund, \"A\"", "plain", "two\r\nlines", "quote\"only"]
        let rows = names.map { name -> QuarterSummary in
            var row = QuarterSummary(quarter: "2026-Q1", treasury: name, scenarioSet: "set, b")
            row.forcedSaleProbability = 0.125
            return row
        }
        let table = ReportTables.table(history: rows)
        let text = String(decoding: try ReportTables.csv(table), as: UTF8.self)
        #expect(text.contains("\"Fund, \"\"A\"\"\""))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var read: [[String]] = []
        while let row = reader.next() { read.append(row) }
        #expect(read.map { $0[1] } == names)
        #expect(read.allSatisfy { $0[2] == "set, b" && $0[9] == "0.125" })
    }
}
