import Foundation
import Testing
import StressEngine
import StressResults
@testable import TreasuryStressKit

/// `run --paths-shard K/N` and `merge-paths` (issue 10): shards merge into the very bytes the
/// unsharded run writes, whatever the split and the order; a missing, doubled, foreign or damaged
/// shard is refused and named.
@Suite struct PathShardTests {
    /// Two Monte Carlo runs (GBM and jumps) of 301 paths over 90 days, and one instant shock.
    static let set = """
    <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="shards" horizonDays="90">
      <instant id="m50" btcShock="-0.5"/>
      <monteCarlo id="mc-gbm" name="GBM" model="gbm" paths="301" seed="5"/>
      <monteCarlo id="mc-jumps" name="Jumps" model="jumpDiffusion" paths="301" seed="9"/>
    </scenarioSet>
    """

    func shardAll(_ n: Int, folder: String, paths: Int? = nil, seed: UInt64? = nil) throws -> [String] {
        try (1...n).map { k in
            try ReportCommands.runShard(treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: folder + "/shards.xml",
                                        outDirectory: folder + "/shards", shard: k, count: n,
                                        monteCarlo: .init(paths: paths, seed: seed))
        }
    }

    /// 3 shards of 301 paths (100, 100, 101), and 7 shards of `--paths 5` (two of them empty).
    @Test(arguments: [(3, nil), (7, 5)] as [(Int, Int?)])
    func shardsMergeIntoTheUnshardedReportByteForByte(shards n: Int, paths: Int?) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Self.set, to: folder + "/shards.xml")
        let whole = try ReportCommands.run(treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: folder + "/shards.xml",
                                           outDirectory: folder + "/whole", formats: [.xml, .csv, .json],
                                           monteCarlo: .init(paths: paths))
        let shards = try shardAll(n, folder: folder, paths: paths)
        let merged = try ReportCommands.mergePaths(shardPaths: shards.reversed(), outDirectory: folder + "/merged",
                                                   formats: [.xml, .csv, .json])
        #expect(merged.xml == whole.xml)
        #expect(merged.written.count == whole.written.count)
        for (a, b) in zip(whole.written, merged.written) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)), "\(b)")
        }
        #expect(whole.report.monteCarlo.map(\.paths) == [paths ?? 301, paths ?? 301])
    }

    @Test func aShardFileReadsBackAsWritten() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Self.set, to: folder + "/shards.xml")
        let shard = try #require(try shardAll(2, folder: folder, seed: 77).last)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shard)))
        let file = try PathShardFile(decoding: bytes, fileName: shard)
        #expect(file.shard == 2 && file.count == 2 && file.seed == 77 && file.paths == nil)
        #expect(file.runs.map(\.range) == [150..<301, 150..<301])
        #expect(file.encoded() == bytes)
    }

    @Test func missingDoubledForeignAndDamagedShardsAreRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Self.set, to: folder + "/shards.xml")
        let shards = try shardAll(3, folder: folder)
        func failure(_ paths: [String]) -> String {
            do {
                _ = try ReportCommands.mergePaths(shardPaths: paths, outDirectory: folder + "/out", formats: [.xml])
            } catch {
                return error.description
            }
            return "accepted"
        }
        #expect(failure([shards[0], shards[2]]) == "usage: merge-paths: shards 2 of 3 are missing")
        #expect(failure([shards[0], shards[1], shards[1], shards[2]]).hasPrefix("usage: merge-paths: shard 2 of 3 is given twice"))
        try FileManager.default.moveItem(atPath: shards[1], toPath: folder + "/seed-5.tspaths")
        let other = try ReportCommands.runShard(treasuryPath: path("examples/nakamoto-like.xml"), scenariosPath: folder + "/shards.xml",
                                                outDirectory: folder + "/shards", shard: 2, count: 3, monteCarlo: .init(seed: 8))
        #expect(failure([shards[0], other, shards[2]]) == "\(other): shard of another run than \(shards[0]) (other inputs, --paths, --seed or shard count)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shards[2])))
        try Data(bytes.prefix(bytes.count - 10)).write(to: URL(fileURLWithPath: folder + "/cut.tspaths"))
        #expect(failure([shards[0], folder + "/seed-5.tspaths", folder + "/cut.tspaths"]).hasPrefix("\(folder)/cut.tspaths: "))
        #expect(failure([path("examples/nakamoto-like.xml")]).hasSuffix("not a path shard written by `treasury-stress run --paths-shard K/N`"))
        // A shard of the earlier format (a 64-bit trigger mask per path) is named as such.
        try Data(Array("TSPATHS1".utf8) + bytes.dropFirst(8)).write(to: URL(fileURLWithPath: folder + "/old.tspaths"))
        #expect(failure([folder + "/old.tspaths"]).hasSuffix("a path shard from an earlier version of treasury-stress; run the shards again with this one"))
    }
}
