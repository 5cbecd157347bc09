import Foundation
import StressResults
import StressReports
import TreasuryModel
import TreasuryXML

/// `history`: one treasury's quarterly trend from the batch history database, as a table to
/// read on a terminal or as CSV, JSON or XML for a risk system (DESIGN §8).
public enum HistoryExport {
    /// What `history` prints.
    public enum Format: String, Sendable, CaseIterable {
        /// A table for the terminal, in board wording.
        case text
        /// RFC 4180 CSV, units in the column names.
        case csv
        /// JSON (`json-schemas/history.schema.json`).
        case json
        /// XML (`schemas/history.xsd`).
        case xml
    }

    /// The trend of `treasury` in the database at `database`, in `format`, ending with a line end.
    /// A treasury with no history prints an empty table (text: a sentence saying so).
    public static func render(treasury: String, database: String, format: Format) throws(ToolError) -> String {
        guard FileManager.default.fileExists(atPath: database) else {
            throw .input(.init("\(database): no history database; run a batch first or pass --database", at: nil))
        }
        let rows = try HistoryStore(path: database).trend(treasury: treasury)
        switch format {
        case .text:
            return rows.isEmpty ? "no history for \(treasury) in \(database)\n" : HistoryTable.render(rows) + "\n"
        case .csv:
            return String(decoding: try ReportTables.csv(ReportTables.table(history: rows)), as: UTF8.self)
        case .xml, .json:
            let xml: String
            do {
                xml = try HistoryWriter.xml(treasury: treasury, toolVersion: ToolVersion.current, rows: rows)
            } catch {
                throw .internal("the history does not validate against history.xsd: \(error)")
            }
            return format == .xml ? xml : String(decoding: try Exports.json(xml: xml, document: .history), as: UTF8.self)
        }
    }
}
