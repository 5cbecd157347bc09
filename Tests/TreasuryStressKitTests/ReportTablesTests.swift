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
                                            outDirectory: out, formats: [.csv], monteCarlo: .init(paths: 300))
        let names = output.written.map { ($0 as NSString).lastPathComponent }
        #expect(names == ["scenarios", "ladder", "montecarlo-probabilities", "montecarlo-quantiles", "events", "coverage"]
            .map { "ibit-fund-\($0).csv" })
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
    }
}
