import Foundation
import ArgumentParser
import TreasuryModel

/// `scenarios`: lists the built-in scenario set.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in standard scenario set that `run` uses by default.")

    func run() {
        let set = StandardScenarios.set
        print("\(set.name): horizon \(set.horizonDays) days")
        for scenario in set.scenarios {
            var extras: [String] = []
            if scenario.equityShock != 0 { extras.append("equity \(Int(scenario.equityShock * 100))%") }
            if scenario.fundDiscount != 0 { extras.append("fund discount \(Int(scenario.fundDiscount * 100))%") }
            if scenario.rateShift != 0 { extras.append("rates +\(Int(scenario.rateShift * 10_000))bp") }
            if let closed = scenario.marketsClosed { extras.append("markets shut days \(closed.lowerBound)–\(closed.upperBound)") }
            let suffix = extras.isEmpty ? "" : " [" + extras.joined(separator: ", ") + "]"
            print("  \(scenario.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(scenario.name)\(suffix)")
        }
        for run in set.monteCarlo {
            print("  \(run.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(run.name) [\(run.paths) paths, seed \(run.seed)]")
        }
        if let map = set.probabilityMap {
            print("  \(map.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(map.name) [\(map.priceMultiples.count) BTC prices × "
                  + "\(map.mnavs.count) mNAVs, \(map.paths) paths a cell, seed \(map.seed)]")
        }
    }
}
