import TreasuryXML
import ArgumentParser
import TreasuryStressKit
import Foundation

/// `validate FILE…`: schema and meaning checks, without running anything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check treasury, scenario-set or report files against their schema and meaning.")

    @Argument(help: "The files to check (the kind is told by the root element's namespace).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file") }
    }

    func run() throws {
        var worst: Int32 = 0
        for (path, result) in ReportCommands.validate(paths: files) {
            switch result {
            case .success(let kind):
                print("\(path): valid \(kind.rawValue)")
            case .failure(let error):
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                worst = max(worst, error.exitCode)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
