import Foundation
import GRDB
import Testing
import StressResults
import TreasuryModel
@testable import TreasuryStressKit

@Suite struct HistoryAndFingerprintTests {
    /// A database written by tool 0.1.0 (the table created directly, no migration record) opens
    /// with the migrator and keeps its rows.
    @Test func aDatabaseFromBeforeTheMigratorKeepsWorking() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: """
                CREATE TABLE summaries (
                    quarter TEXT NOT NULL, treasury TEXT NOT NULL, scenarioSet TEXT NOT NULL,
                    status TEXT, worstTrigger TEXT, worstTriggerPrice REAL, liquidationPrice REAL, forcedSalePrice REAL,
                    defaultPrice REAL, forcedSaleProbability REAL, btcPerShare REAL,
                    PRIMARY KEY (quarter, treasury, scenarioSet));
                INSERT INTO summaries VALUES ('2025-Q4', 'alpha', 'standard', 'forcedSales', 'forcedSale', 54366.77,
                                              NULL, 54366.77, 1585.8, 0.25, 0.00223);
                """)
        }
        try old.close()
        let store = try HistoryStore(path: path)
        let previous = try store.previous(treasury: "alpha", scenarioSet: "standard", before: "2026-Q1")
        #expect(previous?.quarter == "2025-Q4")
        #expect(previous?.forcedSalePrice == 54366.77)
        #expect(previous?.forcedSaleProbability == 0.25)
        // Opening again is a no-op: the migration is recorded.
        _ = try HistoryStore(path: path)
        #expect(try store.trend(treasury: "alpha").count == 1)
    }

    /// A new engine (version or results revision) never serves an old report as unchanged.
    @Test func theFingerprintChangesWithTheTool() throws {
        let job = QuarterlyBatch.Job(treasuryPath: "t.xml", treasury: "t", setPath: nil, scenarioSet: "standard")
        let plan = QuarterlyBatch.Plan(manifest: BatchManifest(quarter: "2026-Q1", treasuries: [], scenarioSets: []),
                                    jobs: [job], quarterDirectory: "/tmp/q", historyPath: "/tmp/h.sqlite")
        let bytes = Array("<treasury/>".utf8)
        let now = QuarterlyBatch.fingerprint(job, plan: plan, treasury: bytes, set: nil, previous: nil)
        #expect(now == QuarterlyBatch.fingerprint(job, plan: plan, treasury: bytes, set: nil, previous: nil,
                                               tool: ToolVersion.fingerprint))
        #expect(now != QuarterlyBatch.fingerprint(job, plan: plan, treasury: bytes, set: nil, previous: nil,
                                               tool: "\(ToolVersion.current)+r\(ToolVersion.resultsRevision - 1)"))
        #expect(now != QuarterlyBatch.fingerprint(job, plan: plan, treasury: bytes + [0x20], set: nil, previous: nil))
    }
}
