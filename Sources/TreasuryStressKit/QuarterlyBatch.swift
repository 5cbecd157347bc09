public import TreasuryModel
import StressEngine
import StressResults
import StressReports
import TreasuryXML
import Foundation

/// `batch`: a quarter's treasuries × scenario sets, in parallel, resumable, shardable; then the
/// index page, the summary XML and the history database.
public enum QuarterlyBatch {
    /// One treasury × scenario set.
    public struct Job: Sendable, Equatable {
        /// Treasury file and its stem (the folder name under the quarter).
        public var treasuryPath: String
        public var treasury: String
        /// Scenario-set file (nil: built-in) and its id (file stem, or `standard`).
        public var setPath: String?
        public var scenarioSet: String
    }

    /// A manifest resolved against the file system.
    public struct Plan: Sendable {
        public var manifest: BatchManifest
        public var jobs: [Job]
        /// `<output root>/<quarter>`.
        public var quarterDirectory: String
        public var historyPath: String

        func base(_ job: Job) -> String {
            ((quarterDirectory as NSString).appendingPathComponent(job.treasury) as NSString).appendingPathComponent(job.scenarioSet)
        }
    }

    /// What a batch run did.
    public struct Result: Sendable {
        public var ran: [Job] = []
        public var skipped: [Job] = []
        public var failed: [(job: Job, error: String)] = []
        /// Stopped by a signal before every job started.
        public var cancelled = false
        /// 0 when every job succeeded, 65 when any failed, 130 when cancelled.
        public var exitCode: Int32 { cancelled ? 130 : (failed.isEmpty ? 0 : 65) }
    }

    /// A flag a signal handler raises; workers start no new job once it is up.
    public final class Cancellation: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        /// A flag that is down.
        public init() {}
        /// Raises the flag (from a signal handler); safe from any thread.
        public func cancel() { lock.lock(); raised = true; lock.unlock() }
        public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return raised }
    }

    /// Reads a manifest and lists its jobs in a fixed order (treasury, then set).
    public static func plan(manifestPath: String, outputOverride: String? = nil) throws(ToolError) -> Plan {
        let bytes = try OutputFiles.read(manifestPath)
        let manifest: BatchManifest
        do {
            manifest = try InputReader.batchManifest(bytes, fileName: manifestPath)
        } catch {
            throw .input(error)
        }
        let folder = (manifestPath as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            let joined = path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
            let absolute = joined.hasPrefix("/") ? joined : FileManager.default.currentDirectoryPath + "/" + joined
            return URL(fileURLWithPath: absolute).standardized.path
        }
        var treasuries: [String] = []
        for pattern in manifest.treasuries {
            let matches = expandGlob(resolve(pattern))
            if matches.isEmpty {
                throw .input(InputError("treasury path \"\(pattern)\" matches no file", at: manifest.location))
            }
            treasuries += matches
        }
        if let paths = manifest.monteCarloPaths, !(1...10_000_000).contains(paths) {
            throw .input(InputError("batch monteCarloPaths (\(paths)) must be between 1 and 10,000,000", at: manifest.location))
        }
        if let paths = manifest.mapPaths, !(1...100_000).contains(paths) {
            throw .input(InputError("batch mapPaths (\(paths)) must be between 1 and 100,000", at: manifest.location))
        }
        /// A report folder name must stay inside the quarter folder.
        func folderName(_ path: String, _ what: String) throws(ToolError) -> String {
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if stem.isEmpty || stem.hasPrefix(".") || stem.contains("/") {
                throw .input(InputError("\(what) \(path): its name (\"\(stem)\") cannot name a report folder; rename the file", at: manifest.location))
            }
            return stem
        }
        var stems: [String: String] = [:]
        for path in treasuries {
            let stem = try folderName(path, "treasury")
            if let other = stems[stem], other != path {
                throw .input(InputError("two treasuries share the name \"\(stem)\" (\(other), \(path)); rename one", at: manifest.location))
            }
            stems[stem] = path
        }
        // Each set once, each under its own name: two entries for one set would run the same
        // jobs at once into the same files.
        var sets: [(path: String?, id: String)] = []
        var setIDs: [String: String] = [:]
        for set in manifest.scenarioSets {
            let setPath = set.map(resolve)
            let id = try setPath.map { path throws(ToolError) in try folderName(path, "scenario set") } ?? "standard"
            if let other = setIDs[id] {
                let what = other == (setPath ?? "built-in") ? "is listed twice" : "shares the name \"\(id)\" with \(other)"
                throw .input(InputError("scenarios \(setPath ?? "built-in") \(what); list each set once", at: manifest.location))
            }
            setIDs[id] = setPath ?? "built-in"
            sets.append((setPath, id))
        }
        var jobs: [Job] = []
        for stem in stems.keys.sorted() {
            for set in sets {
                jobs.append(Job(treasuryPath: stems[stem] ?? "", treasury: stem, setPath: set.path, scenarioSet: set.id))
            }
        }
        let root = outputOverride ?? manifest.output.map(resolve) ?? "reports"
        let history = manifest.history.map(resolve) ?? (root as NSString).appendingPathComponent("history.sqlite")
        return Plan(manifest: manifest, jobs: jobs, quarterDirectory: (root as NSString).appendingPathComponent(manifest.quarter),
                    historyPath: history)
    }

    /// Files matching a glob pattern, sorted; the path itself when it has no wildcard and exists.
    static func expandGlob(_ pattern: String) -> [String] {
        if !pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[") {
            return FileManager.default.fileExists(atPath: pattern) ? [pattern] : []
        }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[i] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// The jobs of shard `k` of `n` (1-based): every n-th job, starting at the k-th.
    public static func shard(_ jobs: [Job], k: Int, n: Int) -> [Job] {
        jobs.enumerated().filter { $0.offset % n == k - 1 }.map(\.element)
    }

    /// Runs the plan's jobs (or one shard), skipping those whose inputs are unchanged since their
    /// reports were written; then, for a whole batch, merges the index, summary and history.
    public static func run(plan: Plan, shard: (k: Int, n: Int)? = nil, jobs workers: Int = 2,
                           cancellation: Cancellation = Cancellation(),
                           progress: (@Sendable (Int, Int, Job, String) -> Void)? = nil) throws(ToolError) -> Result {
        let selected = shard.map { Self.shard(plan.jobs, k: $0.k, n: $0.n) } ?? plan.jobs
        let history = try HistoryStore(path: plan.historyPath)
        let results = JobResults(count: selected.count)
        let done = LockedTally()
        // Jobs are CPU-bound: more workers than cores only costs memory.
        let workerCount = max(1, min(workers, selected.count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            var index = worker
            while index < selected.count {
                if cancellation.isCancelled { break }
                let job = selected[index]
                let outcome = runJob(job, plan: plan, history: history)
                results.set(index, outcome)
                let count = done.increment()
                let word: String
                switch outcome {
                case .ran: word = "done"
                case .skipped: word = "unchanged, skipped"
                case .failed: word = "FAILED"
                }
                progress?(count, selected.count, job, word)
                index += workerCount
            }
        }
        var result = Result()
        for (job, outcome) in zip(selected, results.values) {
            switch outcome {
            case .ran: result.ran.append(job)
            case .skipped: result.skipped.append(job)
            case .failed(let message): result.failed.append((job, message))
            case nil: result.cancelled = true
            }
        }
        if shard == nil && !result.cancelled {
            try merge(plan: plan, history: history)
        }
        return result
    }

    enum JobOutcome {
        case ran, skipped, failed(String)
    }

    /// The fingerprint of a job's inputs: the tool's version and results revision (a new engine
    /// reruns every job), treasury bytes, set bytes, overrides and the previous quarter's figures
    /// shown in the report.
    static func fingerprint(_ job: Job, plan: Plan, treasury: [UInt8], set: [UInt8]?, previous: QuarterSummary?,
                            tool: String = ToolVersion.fingerprint) -> String {
        var text = "treasury-stress \(tool)\n\(SHA256.hex(treasury))\n\(set.map(SHA256.hex) ?? "built-in")\n"
        text += "paths \(plan.manifest.monteCarloPaths.map(String.init) ?? "set")\n"
        if let map = plan.manifest.mapPaths { text += "map \(map)\n" }
        if let previous {
            text += "previous \(previous.quarter) \(previous.liquidationPrice ?? -1) \(previous.forcedSalePrice ?? -1) \(previous.forcedSaleProbability ?? -1) \(previous.btcPerShare ?? -1)\n"
        }
        return SHA256.hex(Array(text.utf8))
    }

    static func runJob(_ job: Job, plan: Plan, history: HistoryStore) -> JobOutcome {
        let base = plan.base(job)
        do throws(ToolError) {
            let treasuryBytes = try OutputFiles.read(job.treasuryPath)
            let setBytes = try job.setPath.map { path throws(ToolError) in try OutputFiles.read(path) }
            let previous = try history.previous(treasury: job.treasury, scenarioSet: job.scenarioSet, before: plan.manifest.quarter)
            let print = fingerprint(job, plan: plan, treasury: treasuryBytes, set: setBytes, previous: previous)
            let fm = FileManager.default
            if let recorded = try? String(contentsOfFile: base + ".inputs", encoding: .utf8), recorded == print,
               fm.fileExists(atPath: base + ".xml"), fm.fileExists(atPath: base + ".html") {
                return .skipped
            }
            let output = try ReportCommands.produce(
                treasuryPath: job.treasuryPath, scenariosPath: job.setPath, formats: [.xml],
                monteCarlo: .init(paths: plan.manifest.monteCarloPaths, jobs: 1, mapPaths: plan.manifest.mapPaths))
            let renderer: BoardReportRenderer
            do { renderer = try BoardReportRenderer() } catch { throw ToolError.internal("built-in templates: \(error)") }
            let html = renderer.render(output.report, previous: previous)
            try OutputFiles.writeTogether([(output.xml, base + ".xml"), (html, base + ".html")])
            try? fm.removeItem(atPath: base + ".error")
            // Written last: its presence says the reports above are complete for these inputs.
            try OutputFiles.writeAtomically(print, to: base + ".inputs")
            return .ran
        } catch {
            let message = error.description
            try? FileManager.default.removeItem(atPath: base + ".inputs")
            try? OutputFiles.writeAtomically(message + "\n", to: base + ".error")
            return .failed(message)
        }
    }

    /// Builds `summary.xml` (with `summary.json` and `summary.csv`) and `index.html` for the quarter from the jobs' outputs (a whole
    /// batch, or the shards of one), and records the quarter in the history database.
    public static func merge(plan: Plan, history: HistoryStore? = nil) throws(ToolError) {
        let store: HistoryStore
        if let history { store = history } else { store = try HistoryStore(path: plan.historyPath) }
        var entries: [BatchEntry] = []
        for job in plan.jobs {
            entries.append(try entry(job, plan: plan, history: store))
        }
        let missing = entries.filter { $0.outcome == .missing }
        if !missing.isEmpty {
            let names = missing.prefix(5).map { "\($0.treasury) × \($0.scenarioSet)" }.joined(separator: ", ")
            throw .input(InputError(
                "\(missing.count) of \(entries.count) jobs have no report yet (\(names)\(missing.count > 5 ? ", …" : "")): run every shard (batch --shard K/N) before merging",
                at: plan.manifest.location))
        }
        let summary: String
        do {
            summary = try BatchSummaryWriter.xml(quarter: plan.manifest.quarter, toolVersion: ToolVersion.current, entries: entries)
        } catch {
            throw .internal("summary.xml does not validate: \(error)")
        }
        let index: String
        do {
            index = try BoardReportRenderer().renderIndex(quarter: plan.manifest.quarter, entries: entries)
        } catch {
            throw .internal("index template: \(error)")
        }
        let folder = plan.quarterDirectory as NSString
        try OutputFiles.writeTogether(bytes: [
            (Array(summary.utf8), folder.appendingPathComponent("summary.xml")),
            (try Exports.json(xml: summary, document: .batchSummary), folder.appendingPathComponent("summary.json")),
            (try ReportTables.csv(ReportTables.table(quarter: plan.manifest.quarter, entries: entries)),
             folder.appendingPathComponent("summary.csv")),
            (Array(index.utf8), folder.appendingPathComponent("index.html")),
        ])
        try store.record(quarter: plan.manifest.quarter, entries: entries)
    }

    static func entry(_ job: Job, plan: Plan, history: HistoryStore) throws(ToolError) -> BatchEntry {
        let base = plan.base(job)
        var entry = BatchEntry(treasury: job.treasury, scenarioSet: job.scenarioSet, outcome: .missing)
        let fm = FileManager.default
        if let error = try? String(contentsOfFile: base + ".error", encoding: .utf8) {
            entry.outcome = .failed
            entry.error = error.trimmingCharacters(in: .whitespacesAndNewlines)
            return entry
        }
        guard fm.fileExists(atPath: base + ".inputs"), let data = fm.contents(atPath: base + ".xml") else { return entry }
        let report: StressReport
        do {
            report = try InputReader.report([UInt8](data), fileName: base + ".xml")
        } catch {
            entry.outcome = .failed
            entry.error = error.description
            return entry
        }
        entry.outcome = .ok
        entry.asOf = report.asOf
        entry.treasuryName = report.treasuryName
        entry.scenarioSetName = report.scenarioSetName
        entry.report = "\(job.treasury)/\(job.scenarioSet)"
        entry.summary = summary(of: report, quarter: plan.manifest.quarter, treasury: job.treasury, scenarioSet: job.scenarioSet)
        entry.previous = try history.previous(treasury: job.treasury, scenarioSet: job.scenarioSet, before: plan.manifest.quarter)
        return entry
    }

    /// A report's headline figures for the quarter.
    static func summary(of report: StressReport, quarter: String, treasury: String, scenarioSet: String) -> QuarterSummary {
        var summary = QuarterSummary(quarter: quarter, treasury: treasury, scenarioSet: scenarioSet)
        let worst = report.scenarios.map(\.status).max { rank($0) < rank($1) }
        summary.status = worst?.rawValue ?? "survived"
        // A forced sale at any price is the board's first concern among triggers that always fire.
        let always = report.ladder.filter { $0.status == .always }
        if let always = always.first(where: { $0.trigger.kind == .forcedSale }) ?? always.first {
            summary.worstTrigger = always.trigger.description + " (at any price)"
        } else if let top = report.ladder.filter({ $0.status == .fires }).max(by: { ($0.btcPrice ?? 0) < ($1.btcPrice ?? 0) }) {
            summary.worstTrigger = top.trigger.description
            summary.worstTriggerPrice = top.btcPrice
        }
        summary.liquidationPrice = report.ladder.filter { $0.trigger.kind == .liquidation && $0.status == .fires }
            .compactMap(\.btcPrice).max()
        summary.forcedSalePrice = report.ladder.first { $0.trigger.kind == .forcedSale && $0.status == .fires }?.btcPrice
        summary.defaultPrice = report.ladder.first { $0.trigger.kind == .defaultEvent && $0.status == .fires }?.btcPrice
        summary.forcedSaleProbability = report.monteCarlo.first?.triggers.first { $0.trigger.kind == .forcedSale }?.probability
        summary.btcPerShare = report.start.btcPerShare
        return summary
    }

    static func rank(_ status: ScenarioReport.Status) -> Int {
        switch status {
        case .survived: return 0
        case .forcedSales: return 1
        case .insolvent: return 2
        case .defaulted: return 3
        }
    }
}

/// Per-job outcomes written by workers at their own indices.
final class JobResults: @unchecked Sendable {
    private var storage: [QuarterlyBatch.JobOutcome?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: QuarterlyBatch.JobOutcome) { lock.lock(); storage[index] = value; lock.unlock() }
    var values: [QuarterlyBatch.JobOutcome?] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A lock-protected counter.
final class LockedTally: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
