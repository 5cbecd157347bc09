import ArgumentParser
import StressReports
import TreasuryStressKit
import Foundation

/// `treasury-stress`: stress-test a BTC treasury and write a board report.
@main
struct TreasuryStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treasury-stress",
        abstract: "Stress-test a Bitcoin treasury: trigger prices, forced sales, dilution; XML and HTML board reports.",
        discussion: "Exit status: 0 ok, 64 usage, 65 bad input, 70 internal error.",
        version: "0.1.0",
        subcommands: [RunCommand.self, MergePathsCommand.self, CompareCommand.self, BatchCommand.self, HistoryCommand.self, ValidateCommand.self, RenderCommand.self, ScenariosCommand.self, SystemRunCommand.self, JSONSchemaCommand.self]
    )
}

/// The templates to render with: `--templates DIR`, or the built-in ones when nil.
func renderer(templates: String?) throws(ToolError) -> BoardReportRenderer? {
    guard let templates else { return nil }
    return try ReportCommands.renderer(templates: templates)
}

/// Prints a tool error to standard error and exits with its status.
func fail(_ error: ToolError) -> ExitCode {
    FileHandle.standardError.write(Data("treasury-stress: \(error)\n".utf8))
    return ExitCode(error.exitCode)
}

/// Progress on standard error, only when it is a terminal.
let terminalProgress: (@Sendable (Int, Int) -> Void)? = isatty(STDERR_FILENO) == 1 ? showProgress : nil

/// Monte Carlo progress (paths done, rate, time left) on standard error, only when it is a terminal.
let terminalMonteCarloProgress: (@Sendable (String, Int, Int) -> Void)? =
    isatty(STDERR_FILENO) == 1 ? MonteCarloProgressLine().show : nil

/// Prints at most ten lines a second; the clock starts at the first report of each run.
final class MonteCarloProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var started: [String: Date] = [:]
    private var lastPrint = Date.distantPast

    func show(id: String, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let start = started[id] ?? now
        started[id] = start
        guard done > 0, done == total || now.timeIntervalSince(lastPrint) > 0.1 else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(start), 1e-3)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = done < total
            ? String(format: "\r%@: %d/%d paths, %.0f paths/s, %.0f s left ", id, done, total, rate, left)
            : "\r\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Which structure `compare` is simulating, on standard error, only when it is a terminal.
let terminalComparisonProgress: (@Sendable (String, Int, Int) -> Void)? = isatty(STDERR_FILENO) == 1 ? showComparisonProgress : nil

@Sendable func showComparisonProgress(name: String, done: Int, total: Int) {
    let line = done < total ? "\r\u{1B}[Kcomparing: structure \(done + 1) of \(total), \(name)" : "\r\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
}

@Sendable func showProgress(done: Int, total: Int) {
    let line = done < total ? "\rsimulating: \(done)/\(total) (scenarios, then the trigger ladder)" : "\r\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
}
