import GRDB
import TreasuryModel
public import StressResults
import Foundation

/// The batch history: each quarter's summary per treasury and scenario set, in SQLite (GRDB),
/// so that reports can show the change since the previous quarter and `history` the trend.
public final class HistoryStore: Sendable {
    let queue: DatabaseQueue

    /// How long a writer waits for another (a shard of the same batch on another node) to finish.
    static let busyTimeout: TimeInterval = 120

    /// Opens (creating if needed) the database at `path`. Shards started together wait for each
    /// other's writes instead of failing with "database is locked"; a file that is not a history
    /// database is a bad input (exit 65) that says what to do.
    public init(path: String) throws(ToolError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(HistoryStore.busyTimeout)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            do {
                try HistoryStore.migrator.migrate(queue)
            } catch let error as DatabaseError where ![.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
                // Two shards opening a database together: both saw a migration unapplied and the
                // other applied it first (a duplicate migration record, or a column added twice).
                // It is applied now; migrating again finds it so, and a real fault fails again.
                try HistoryStore.migrator.migrate(queue)
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw .input(InputError(
                "\(path): not a readable history database (\(error.message ?? "damaged")); move it aside and the next batch starts a new history",
                at: nil))
        } catch {
            throw .internal("history database \(path): \(error)")
        }
    }

    /// The schema's versions, oldest first. A database written by an older version of the tool is
    /// brought up to date on open; never edit a migration that has shipped, add one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // v1: the table as tool 0.1.0 created it (with CREATE TABLE IF NOT EXISTS, so a database
        // from before the migrator already has it and keeps its rows).
        migrator.registerMigration("v1: quarterly summaries") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS summaries (
                    quarter TEXT NOT NULL, treasury TEXT NOT NULL, scenarioSet TEXT NOT NULL,
                    status TEXT, worstTrigger TEXT, worstTriggerPrice REAL, liquidationPrice REAL, forcedSalePrice REAL,
                    defaultPrice REAL, forcedSaleProbability REAL, btcPerShare REAL,
                    PRIMARY KEY (quarter, treasury, scenarioSet))
                """)
        }
        return migrator
    }

    /// Records the successful entries of a quarter (replacing what that quarter had).
    public func record(quarter: String, entries: [BatchEntry]) throws(ToolError) {
        do {
            try queue.write { db in
                for e in entries where e.outcome == .ok {
                    guard let s = e.summary else { continue }
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO summaries (quarter, treasury, scenarioSet, status, worstTrigger,
                            worstTriggerPrice, liquidationPrice, forcedSalePrice, defaultPrice, forcedSaleProbability, btcPerShare)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [quarter, s.treasury, s.scenarioSet, s.status, s.worstTrigger, s.worstTriggerPrice,
                                         s.liquidationPrice, s.forcedSalePrice, s.defaultPrice, s.forcedSaleProbability,
                                         s.btcPerShare])
                }
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }

    /// The latest quarter before `quarter` recorded for a treasury and set.
    public func previous(treasury: String, scenarioSet: String, before quarter: String) throws(ToolError) -> QuarterSummary? {
        do {
            return try queue.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT * FROM summaries WHERE treasury = ? AND scenarioSet = ? AND quarter < ?
                    ORDER BY quarter DESC LIMIT 1
                    """, arguments: [treasury, scenarioSet, quarter]).map(QuarterSummary.init(row:))
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }

    /// Every quarter recorded for a treasury, oldest first.
    public func trend(treasury: String) throws(ToolError) -> [QuarterSummary] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM summaries WHERE treasury = ? ORDER BY scenarioSet, quarter",
                                 arguments: [treasury]).map(QuarterSummary.init(row:))
            }
        } catch {
            throw .internal("history database: \(error)")
        }
    }
}

extension QuarterSummary {
    /// A row of the `summaries` table.
    init(row: Row) {
        self.init(quarter: row["quarter"], treasury: row["treasury"], scenarioSet: row["scenarioSet"])
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
