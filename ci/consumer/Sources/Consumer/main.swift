// Runs one example treasury through the kit and steps a simulator by hand: what a consumer of
// the libraries does. Prints one line a person can check against the sample report.
import Foundation
import StressEngine
import StressResults
import TreasuryModel
import TreasuryStressKit

let treasuryPath = CommandLine.arguments.dropFirst().first ?? "examples/nakamoto-like.xml"
do {
    let output = try ReportCommands.produce(treasuryPath: treasuryPath, scenariosPath: nil, formats: [.xml],
                                                 monteCarlo: .init(paths: 200, seed: 1, jobs: 1, mapPaths: 2))
    let report = output.report
    var day = SimulatedTreasury(simulator: TreasurySimulator(treasury: try ReportCommands.loadTreasury(treasuryPath).0,
                                                             horizonDays: 1))
    let flows = day.step(day: 0, price: report.start.btcPrice)
    print("consumer: \(report.treasuryName): \(report.scenarios.count) scenarios, \(report.ladder.count) ladder rungs, day 0 sold \(flows.btcSold) BTC")
} catch {
    FileHandle.standardError.write(Data("consumer: \(error)\n".utf8))
    exit(1)
}
