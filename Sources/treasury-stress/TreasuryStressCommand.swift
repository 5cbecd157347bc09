import ArgumentParser
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
        subcommands: [RunCommand.self, ValidateCommand.self, RenderCommand.self, ScenariosCommand.self]
    )
}

/// Prints a tool error to standard error and exits with its status.
func fail(_ error: ToolError) -> ExitCode {
    FileHandle.standardError.write(Data("treasury-stress: \(error)\n".utf8))
    return ExitCode(error.exitCode)
}

/// Progress on standard error, only when it is a terminal.
let terminalProgress: (@Sendable (Int, Int) -> Void)? = isatty(STDERR_FILENO) == 1 ? showProgress : nil

@Sendable func showProgress(done: Int, total: Int) {
    let line = done < total ? "\rsimulating: \(done)/\(total) (scenarios, then the trigger ladder)" : "\r\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
}
