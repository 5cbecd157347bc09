import ArgumentParser
import Testing
import TreasuryStressKit
import StressResults
@testable import treasury_stress

/// Argument parsing and the exit codes of usage errors (64), without a subprocess.
@Suite struct CommandLineTests {
    @Test func runParsesItsOptions() throws {
        let command = try TreasuryStressCommand.parseAsRoot(
            ["run", "t.xml", "--scenarios", "s.xml", "--out", "o", "--format", "xml", "--paths", "500", "--seed", "7", "--jobs", "2"])
        let run = try #require(command as? RunCommand)
        #expect(run.treasury == "t.xml" && run.scenarios == "s.xml" && run.out == "o")
        #expect(try run.formats() == [.xml])
        #expect(run.monteCarlo.paths == 500 && run.monteCarlo.seed == 7 && run.monteCarlo.jobs == 2)
    }

    @Test(arguments: [
        ["run", "t.xml", "--format", "docx"],
        ["run", "t.xml", "--paths", "0"],
        ["run", "t.xml", "--jobs", "0"],
        ["batch", "m.xml", "--shard", "3/2"],
        ["compare", "base.xml"],
        ["validate"],
        ["no-such-command"],
    ])
    func usageErrorsExit64(_ arguments: [String]) {
        do {
            _ = try TreasuryStressCommand.parseAsRoot(arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(TreasuryStressCommand.exitCode(for: error).rawValue == 64)
        }
    }

    @Test func batchDefaultsToRunAndParsesShards() throws {
        let command = try TreasuryStressCommand.parseAsRoot(["batch", "m.xml", "--shard", "2/4", "--jobs", "3"])
        let run = try #require(command as? BatchRunCommand)
        let shard = try #require(try run.parsedShard())
        #expect(shard.k == 2 && shard.n == 4)
        #expect(run.jobs == 3)
        #expect(try TreasuryStressCommand.parseAsRoot(["batch", "merge", "m.xml"]) is BatchMergeCommand)
    }
}
