import GRDB
public import StressEngine
import Foundation

/// The batch history: each quarter's summary per treasury and scenario set, in SQLite (GRDB),
/// so that reports can show the change since the previous quarter and `history` the trend.
public final class HistoryStore: Sendable {
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws(ToolError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS summaries (
                        quarter TEXT NOT NULL, treasury TEXT NOT NULL, scenarioSet TEXT NOT NULL,
                        status TEXT, worstTrigger TEXT, worstTriggerPrice REAL, liquidationPrice REAL, forcedSalePrice REAL,
                        defaultPrice REAL, forcedSaleProbability REAL, btcPerShare REAL,
                        PRIMARY KEY (quarter, treasury, scenarioSet))
                    """)
            }
        } catch {
            throw .internal("history database \(path): \(error)")
        }
    }

    /// Records the successful entries of a quarter (replacing what that quarter had).
    public func record(quarter: String, entries: [BatchEntry]) throws(ToolError) {
        do {
            try queue.write { db in
                for e in entries where e.outcome == .ok {
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO summaries (quarter, treasury, scenarioSet, status, worstTrigger,
                            worstTriggerPrice, liquidationPrice, forcedSalePrice, defaultPrice, forcedSaleProbability, btcPerShare)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [quarter, e.treasury, e.scenarioSet, e.status, e.worstTrigger, e.worstTriggerPrice,
                                         e.liquidationPrice, e.forcedSalePrice, e.defaultPrice, e.forcedSaleProbability,
                                         e.btcPerShare])
                }
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }

    /// The latest quarter before `quarter` recorded for a treasury and set.
    public func previous(treasury: String, scenarioSet: String, before quarter: String) throws(ToolError) -> HistoryRow? {
        do {
            return try queue.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT * FROM summaries WHERE treasury = ? AND scenarioSet = ? AND quarter < ?
                    ORDER BY quarter DESC LIMIT 1
                    """, arguments: [treasury, scenarioSet, quarter]).map(HistoryRow.init)
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }

    /// Every quarter recorded for a treasury, oldest first.
    public func trend(treasury: String) throws(ToolError) -> [HistoryRow] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM summaries WHERE treasury = ? ORDER BY scenarioSet, quarter",
                                 arguments: [treasury]).map(HistoryRow.init)
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }
}

/// One recorded quarter of one treasury and scenario set.
public struct HistoryRow: Sendable, Equatable {
    public var quarter: String
    public var treasury: String
    public var scenarioSet: String
    public var status: String?
    public var worstTrigger: String?
    public var worstTriggerPrice: Double?
    public var liquidationPrice: Double?
    public var forcedSalePrice: Double?
    public var defaultPrice: Double?
    public var forcedSaleProbability: Double?
    public var btcPerShare: Double?

    init(_ row: Row) {
        quarter = row["quarter"]
        treasury = row["treasury"]
        scenarioSet = row["scenarioSet"]
        status = row["status"]
        worstTrigger = row["worstTrigger"]
        worstTriggerPrice = row["worstTriggerPrice"]
        liquidationPrice = row["liquidationPrice"]
        forcedSalePrice = row["forcedSalePrice"]
        defaultPrice = row["defaultPrice"]
        forcedSaleProbability = row["forcedSaleProbability"]
        btcPerShare = row["btcPerShare"]
    }
}
