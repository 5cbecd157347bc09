import TreasuryModel
public import StressEngine
import Foundation

/// A shard of a stress report's Monte Carlo runs, as `run --paths-shard K/N` writes it and
/// `merge-paths` reads it: the inputs themselves (so the merge rebuilds the same report with no
/// other file), the command line's Monte Carlo overrides, and each run's per-path summaries and
/// trigger and fan counts for this shard's paths. Little-endian binary: "TSPATHS2", then the fields
/// in order ("TSPATHS1", before triggers were counted per run, kept at most 64 per path).
public struct PathShardFile: Sendable, Equatable {
    /// This shard's number, 1…`count`.
    public var shard: Int
    /// How many shards the runs are split into.
    public var count: Int
    /// The treasury file's name (no folder) and bytes.
    public var treasuryName: String
    public var treasuryBytes: [UInt8]
    /// The scenario-set file's name and bytes; nil for the built-in set.
    public var scenariosName: String?
    public var scenariosBytes: [UInt8]
    /// `--paths` and `--seed` as given (nil when not).
    public var paths: Int?
    public var seed: UInt64?
    /// One partial per Monte Carlo run of the set, in the set's order.
    public var runs: [MonteCarloPartial]

    static let magic = Array("TSPATHS2".utf8)
    static let earlierMagic = Array("TSPATHS1".utf8)

    /// Whether two shards come from the same inputs and command line (so they can be merged).
    public func sameRun(as other: PathShardFile) -> Bool {
        count == other.count && treasuryName == other.treasuryName && treasuryBytes == other.treasuryBytes
            && scenariosName == other.scenariosName && scenariosBytes == other.scenariosBytes
            && paths == other.paths && seed == other.seed
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var out = Self.magic
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
        func double(_ v: Double) { u64(v.bitPattern) }
        func bytes(_ b: [UInt8]) { int(b.count); out.append(contentsOf: b) }
        func string(_ s: String) { bytes(Array(s.utf8)) }
        func counts(_ c: [UInt32]) {
            int(c.count)
            for v in c { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        }
        int(shard); int(count)
        string(treasuryName); bytes(treasuryBytes)
        int(scenariosName == nil ? 0 : 1); string(scenariosName ?? ""); bytes(scenariosBytes)
        int(paths ?? -1); int(seed == nil ? 0 : 1); u64(seed ?? 0)
        int(runs.count)
        for run in runs {
            string(run.specID); int(run.totalPaths); int(run.range.lowerBound); int(run.range.upperBound)
            int(run.summaries.count)
            for s in run.summaries {
                double(s.btcSold); double(s.dilution); double(s.btcPerShareEnd); double(s.minLiquidity)
                double(s.firstForcedSaleDay)
            }
            int(run.triggerCounts.count)
            for c in run.triggerCounts { int(c) }
            counts(run.priceCounts); counts(run.heldCounts); counts(run.ltvCounts)
        }
        return out
    }

    /// Reads a shard file; anything else, or a file cut short, is a bad input naming the file.
    public init(decoding data: [UInt8], fileName: String) throws(ToolError) {
        var at = 0
        func bad(_ what: String) -> ToolError { .input(.init("\(fileName): \(what)", at: nil)) }
        guard data.count >= Self.magic.count, Array(data[0..<Self.magic.count]) == Self.magic else {
            if data.count >= Self.earlierMagic.count && Array(data[0..<Self.earlierMagic.count]) == Self.earlierMagic {
                throw bad("a path shard from an earlier version of treasury-stress; run the shards again with this one")
            }
            throw bad("not a path shard written by `treasury-stress run --paths-shard K/N`")
        }
        at = Self.magic.count
        func u64() throws(ToolError) -> UInt64 {
            guard at + 8 <= data.count else { throw bad("cut short at byte \(at); write the shard again") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(data[at + k]) << (8 * UInt64(k)) }
            at += 8
            return v
        }
        func int(_ limit: Int = Int(Int32.max)) throws(ToolError) -> Int {
            let v = Int64(bitPattern: try u64())
            guard v >= -1 && v <= Int64(limit) else { throw bad("a count (\(v)) out of range at byte \(at - 8)") }
            return Int(v)
        }
        func bytes() throws(ToolError) -> [UInt8] {
            let n = try int()
            guard n >= 0, at + n <= data.count else { throw bad("cut short at byte \(at); write the shard again") }
            defer { at += n }
            return Array(data[at..<at + n])
        }
        func string() throws(ToolError) -> String { String(decoding: try bytes(), as: UTF8.self) }
        func counts() throws(ToolError) -> [UInt32] {
            let n = try int()
            guard n >= 0, at + 4 * n <= data.count else { throw bad("cut short at byte \(at); write the shard again") }
            var c = [UInt32](repeating: 0, count: n)
            for i in 0..<n {
                let p = at + 4 * i
                c[i] = UInt32(data[p]) | UInt32(data[p + 1]) << 8 | UInt32(data[p + 2]) << 16 | UInt32(data[p + 3]) << 24
            }
            at += 4 * n
            return c
        }
        shard = try int()
        count = try int()
        guard count >= 1, count <= 100_000, shard >= 1, shard <= count else {
            throw bad("shard \(shard) of \(count) is not a shard number 1…\(min(max(count, 1), 100_000))")
        }
        treasuryName = try string()
        treasuryBytes = try bytes()
        let hasScenarios = try int() == 1
        let name = try string()
        scenariosName = hasScenarios ? name : nil
        scenariosBytes = try bytes()
        let pathCount = try int()
        paths = pathCount >= 0 ? pathCount : nil
        let hasSeed = try int() == 1
        let seedValue = try u64()
        seed = hasSeed ? seedValue : nil
        let runCount = try int(1_000)
        var runs: [MonteCarloPartial] = []
        for _ in 0..<max(0, runCount) {
            let id = try string()
            let total = try int()
            let lower = try int(), upper = try int()
            guard lower >= 0, lower <= upper, upper <= total else { throw bad("run \"\(id)\": paths \(lower)..<\(upper) are not within its \(total) paths") }
            let n = try int()
            guard n == upper - lower, at + 40 * n <= data.count else { throw bad("run \"\(id)\": cut short; write the shard again") }
            var summaries: [MonteCarloPartial.PathSummary] = []
            summaries.reserveCapacity(n)
            for _ in 0..<n {
                summaries.append(MonteCarloPartial.PathSummary(
                    btcSold: Double(bitPattern: try u64()), dilution: Double(bitPattern: try u64()),
                    btcPerShareEnd: Double(bitPattern: try u64()), minLiquidity: Double(bitPattern: try u64()),
                    firstForcedSaleDay: Double(bitPattern: try u64())))
            }
            // Each count is at most the shard's paths; how many triggers is checked against the
            // treasury when the shards merge.
            let triggerCount = try int(100_000)
            var triggerCounts: [Int] = []
            for _ in 0..<max(0, triggerCount) {
                let c = try int(n)
                guard c >= 0 else { throw bad("run \"\(id)\": a negative trigger count") }
                triggerCounts.append(c)
            }
            runs.append(MonteCarloPartial(specID: id, totalPaths: total, range: lower..<upper, summaries: summaries,
                                          triggerCounts: triggerCounts,
                                          priceCounts: try counts(), heldCounts: try counts(), ltvCounts: try counts()))
        }
        guard at == data.count else { throw bad("\(data.count - at) bytes after the last run; not a shard of this version") }
        self.runs = runs
    }

    /// A shard from its parts.
    public init(shard: Int, count: Int, treasuryName: String, treasuryBytes: [UInt8], scenariosName: String?,
                scenariosBytes: [UInt8], paths: Int?, seed: UInt64?, runs: [MonteCarloPartial]) {
        self.shard = shard
        self.count = count
        self.treasuryName = treasuryName
        self.treasuryBytes = treasuryBytes
        self.scenariosName = scenariosName
        self.scenariosBytes = scenariosBytes
        self.paths = paths
        self.seed = seed
        self.runs = runs
    }
}
