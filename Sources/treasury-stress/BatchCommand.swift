import TreasuryModel
import ArgumentParser
import TreasuryStressKit
import StressReports
import Foundation

/// `batch MANIFEST.xml`, `batch merge MANIFEST.xml`: the quarter's treasuries × scenario sets.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a quarter's batch of treasuries × scenario sets, or merge the outputs of its shards.",
        subcommands: [BatchRunCommand.self, BatchMergeCommand.self],
        defaultSubcommand: BatchRunCommand.self)
}

/// Options shared by `batch` and `batch merge`.
struct BatchOptions: ParsableArguments {
    @Argument(help: "The batch manifest XML.")
    var manifest: String

    @Option(help: "Output root (default: the manifest's output attribute, else ./reports).")
    var out: String?
}

struct BatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the batch (or one shard): resumable, parallel, atomic; then the index, summary and history.")

    @OptionGroup var options: BatchOptions

    @Option(help: "Jobs run at once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Run only shard K of N (for example 1/4), for a scheduler's array job; then `batch merge`.")
    var shard: String?

    func parsedShard() throws -> (k: Int, n: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, for example 2/8")
        }
        return (k, n)
    }

    func validate() throws {
        _ = try parsedShard()
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        do {
            let plan = try QuarterlyBatch.plan(manifestPath: options.manifest, outputOverride: options.out)
            let cancellation = QuarterlyBatch.Cancellation()
            let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    cancellation.cancel()
                    FileHandle.standardError.write(Data("\nstopping: finishing the reports under way; rerun to resume\n".utf8))
                }
                source.resume()
                return source
            }
            let terminal = isatty(STDERR_FILENO) == 1
            let shard = try parsedShard()
            // The signal sources must live until the batch ends: an optimised build releases a
            // value after its last use, and a released source no longer hears its signal.
            let result = try withExtendedLifetime(sources) { () throws(ToolError) -> QuarterlyBatch.Result in
                try QuarterlyBatch.run(plan: plan, shard: shard, jobs: jobs, cancellation: cancellation) {
                    done, total, job, word in
                    if terminal {
                        FileHandle.standardError.write(Data("[\(done)/\(total)] \(job.treasury) × \(job.scenarioSet): \(word)\n".utf8))
                    }
                }
            }
            for (job, error) in result.failed {
                FileHandle.standardError.write(Data("treasury-stress: \(job.treasury) × \(job.scenarioSet): \(error)\n".utf8))
            }
            print("batch \(plan.manifest.quarter): \(result.ran.count) run, \(result.skipped.count) unchanged, \(result.failed.count) failed"
                + (result.cancelled ? ", stopped before the rest (rerun to resume)" : "")
                + (shard == nil && !result.cancelled ? "; wrote \(plan.quarterDirectory)/index.html and summary.xml, .json, .csv" : ""))
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
        } catch let error as ToolError {
            throw fail(error)
        }
    }
}

struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Build the index page, summary XML and history entries from the shards' outputs.")

    @OptionGroup var options: BatchOptions

    func run() throws {
        do {
            let plan = try QuarterlyBatch.plan(manifestPath: options.manifest, outputOverride: options.out)
            try QuarterlyBatch.merge(plan: plan)
            print("wrote \(plan.quarterDirectory)/index.html and summary.xml, .json, .csv")
        } catch {
            throw fail(error)
        }
    }
}

/// `history TREASURY`: the trend of a treasury's quarterly summaries.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print a treasury's quarterly trend from the batch history database.")

    @Argument(help: "The treasury's name in batches (its file name without .xml).")
    var treasury: String

    @Option(help: "The history database.")
    var database: String = "reports/history.sqlite"

    @Option(help: "text (a table to read), csv, json or xml, on standard output.")
    var format: String = "text"

    func validate() throws {
        if HistoryExport.Format(rawValue: format) == nil { throw ValidationError("--format: \"\(format)\" is not text, csv, json or xml") }
    }

    func run() throws {
        do {
            let chosen = HistoryExport.Format(rawValue: format) ?? .text
            print(try HistoryExport.render(treasury: treasury, database: database, format: chosen), terminator: "")
        } catch {
            throw fail(error)
        }
    }
}
