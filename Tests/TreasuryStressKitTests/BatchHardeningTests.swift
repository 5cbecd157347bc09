import Foundation
import Testing
import TreasuryModel
@testable import TreasuryStressKit

/// Manifests and folders a cluster or a careless hand produces: refused with a located error, or
/// run safely.
@Suite struct BatchHardeningTests {
    /// A folder with the loan example as `name`.xml (and `others`), the quick set, and a manifest.
    func batch(_ folder: String, name: String = "alpha", others: [String] = [], sets: [String] = ["quick.xml"],
               attributes: String = "", treasuryPath: String = "t/*.xml") throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/t", withIntermediateDirectories: true)
        for stem in [name] + others { try write(try read(path("examples/nakamoto-like.xml")), to: folder + "/t/\(stem).xml") }
        try write(quickSet, to: folder + "/quick.xml")
        try write("""
            <batch xmlns="urn:treasury-stress:batch:1" quarter="2026-Q1" output="out"\(attributes)>
              <treasury path="\(treasuryPath)"/>
            \(sets.map { "  <scenarios path=\"\($0)\"/>" }.joined(separator: "\n"))
            </batch>
            """, to: folder + "/b.xml")
        return folder + "/b.xml"
    }

    func refusal(_ manifest: String) -> ToolError? {
        do {
            _ = try QuarterlyBatch.plan(manifestPath: manifest)
            return nil
        } catch {
            return error
        }
    }

    @Test func aSetListedTwiceIsRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = refusal(try batch(folder, sets: ["quick.xml", "quick.xml"]))
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("is listed twice; list each set once") == true)
        #expect(error?.description.hasPrefix(folder + "/b.xml:1:1:") == true)
    }

    @Test func aFileNameThatWouldLeaveTheQuarterFolderIsRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // "...xml" has the stem "..": its reports would land beside the quarter folder.
        let error = refusal(try batch(folder, name: "..", treasuryPath: "t/...xml"))
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("cannot name a report folder; rename the file") == true)
    }

    /// Monte Carlo paths and probability-map paths a cell beyond their limits.
    @Test(arguments: zip([" monteCarloPaths=\"20000000\"", " mapPaths=\"200000\""],
                         ["monteCarloPaths (20000000) must be between 1 and 10,000,000",
                          "mapPaths (200000) must be between 1 and 100,000"]))
    func pathsBeyondTheLimitAreRefusedWhenTheManifestIsRead(attribute: String, message: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = refusal(try batch(folder, attributes: attribute))
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains(message) == true)
    }

    @Test func mergingWithAShardMissingFails() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try QuarterlyBatch.plan(manifestPath: try batch(folder, others: ["beta"]))
        _ = try QuarterlyBatch.run(plan: plan, shard: (1, 2), jobs: 1)
        do {
            try QuarterlyBatch.merge(plan: plan)
            Issue.record("merged with a shard missing")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("1 of 2 jobs have no report yet (beta × quick)"))
        }
        #expect(!FileManager.default.fileExists(atPath: plan.quarterDirectory + "/index.html"))
    }

    /// Two shards started together on one history database: both finish (one waits for the other's
    /// write instead of failing with "database is locked").
    @Test func twoShardsAtOnceBothFinish() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try QuarterlyBatch.plan(manifestPath: try batch(folder, others: ["beta", "gamma", "delta"]))
        let outcomes = LockedOutcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let result = try QuarterlyBatch.run(plan: plan, shard: (k + 1, 2), jobs: 1)
                outcomes.append("\(result.ran.count) ran")
            } catch {
                outcomes.append("failed: \(error)")
            }
        }
        #expect(outcomes.values.sorted() == ["2 ran", "2 ran"])
        try QuarterlyBatch.merge(plan: plan)
    }

    @Test func aDamagedHistoryIsABadInputThatSaysWhatToDo() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(String(repeating: "not a database ", count: 200), to: folder + "/history.sqlite")
        do {
            _ = try HistoryStore(path: folder + "/history.sqlite")
            Issue.record("opened a damaged database")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("not a readable history database"))
            #expect(error.description.contains("move it aside"))
        }
    }
}

/// Strings appended from several threads.
final class LockedOutcomes: @unchecked Sendable {
    private var storage: [String] = []
    private let lock = NSLock()
    func append(_ value: String) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
