import Foundation
import Testing
import TreasuryModel
@testable import TreasuryStressKit

/// Every number a schema-valid treasury may hold, pushed to extremes, is either refused with a
/// located error (exit 65) or simulated and reported: never a trap.
@Suite struct ExtremeNumberTests {
    static let extremes = ["1e300", "-1e300", "1e-300", "0", "9.3e18", "2147483648"]

    /// The example with one numeric attribute replaced, for every numeric attribute and extreme.
    static func mutants(of example: String, extremes: [String]) throws -> [(String, String)] {
        let text = try read(path("examples/\(example).xml"))
        let pattern = try NSRegularExpression(pattern: #"(\w+)="(-?[0-9][0-9.eE+-]*)""#)
        var out: [(String, String)] = []
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let value = Range(match.range(at: 2), in: text), let name = Range(match.range(at: 1), in: text) else { continue }
            for extreme in extremes {
                out.append(("\(text[name])=\(extreme)", text.replacingCharacters(in: value, with: extreme)))
            }
        }
        return out
    }

    func check(_ example: String, extremes: [String]) throws {
        let folder = try scratchFolder("extremes-\(example)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(quickSet, to: folder + "/quick.xml")
        var refused = 0, simulated = 0
        for (label, text) in try Self.mutants(of: example, extremes: extremes) {
            try write(text, to: folder + "/t.xml")
            do {
                _ = try ReportCommands.produce(treasuryPath: folder + "/t.xml", scenariosPath: folder + "/quick.xml",
                                               monteCarlo: .init(paths: 20, jobs: 1))
                simulated += 1
            } catch {
                #expect(error.exitCode == 65, "\(label): \(error)")
                #expect(error.description.hasPrefix(folder + "/t.xml:"), "\(label): unlocated: \(error)")
                refused += 1
            }
        }
        #expect(refused > 0 && simulated > 0)
    }

    @Test func theLoanExampleNeverTraps() throws {
        try check("nakamoto-like", extremes: ["1e300", "1e-300"])
    }

    @Test(.heavy, arguments: ["nakamoto-like", "strategy-like", "ibit-fund"])
    func noExampleEverTraps(_ example: String) throws {
        try check(example, extremes: Self.extremes)
    }
}
