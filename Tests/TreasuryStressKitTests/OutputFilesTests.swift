import Foundation
import Testing
@testable import TreasuryStressKit

@Suite struct OutputFilesTests {
    /// `run strategy.xml --out .` beside the treasury file would name its report `strategy.xml`:
    /// refused (usage) before anything runs, and the treasury file is kept.
    @Test func aReportNeverReplacesItsInput() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let treasury = folder + "/nakamoto-like.xml"
        let original = try read(path("examples/nakamoto-like.xml"))
        try write(original, to: treasury)
        do {
            _ = try ReportCommands.run(treasuryPath: treasury, scenariosPath: nil, outDirectory: folder, formats: [.xml, .html])
            Issue.record("overwrote the input")
        } catch {
            #expect(error.exitCode == 64)
            #expect("\(error)".contains("would replace the input"))
        }
        #expect(try read(treasury) == original)
        #expect(files(under: folder) == ["nakamoto-like.xml"])
    }

    /// A link planted at the temporary name earlier versions used (`.NAME.PID.tmp`) no longer
    /// redirects the write: the temporary's name is unpredictable and created exclusively.
    @Test func aPlantedLinkDoesNotRedirectTheWrite() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim.txt"
        try write("keep me", to: victim)
        let pid = ProcessInfo.processInfo.processIdentifier
        try FileManager.default.createSymbolicLink(atPath: folder + "/.report.xml.\(pid).tmp", withDestinationPath: victim)
        try OutputFiles.writeAtomically("<report/>", to: folder + "/report.xml")
        #expect(try read(victim) == "keep me")
        #expect(try read(folder + "/report.xml") == "<report/>")
        // Nothing is left behind but the planted link.
        #expect(files(under: folder).sorted() == [".report.xml.\(pid).tmp", "report.xml", "victim.txt"])
    }

    /// Files written together appear together: when the second cannot be written, the first
    /// keeps its old content and no temporary is left.
    @Test func filesWrittenTogetherAppearTogether() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("old xml", to: folder + "/r.xml")
        try write("a file where a folder should be", to: folder + "/blocked")
        do {
            try OutputFiles.writeTogether([("new xml", folder + "/r.xml"), ("new html", folder + "/blocked/r.html")])
            Issue.record("wrote into a file as if it were a folder")
        } catch {
            #expect(error.exitCode == 70)
        }
        #expect(try read(folder + "/r.xml") == "old xml")
        #expect(files(under: folder).sorted() == ["blocked", "r.xml"])
        try OutputFiles.writeTogether([("new xml", folder + "/r.xml"), ("new html", folder + "/r.html")])
        #expect(try read(folder + "/r.xml") == "new xml")
        #expect(try read(folder + "/r.html") == "new html")
    }

    /// A disk that fills during the write: the error says so, the old outputs stay whole and no
    /// temporary is left. Runs in a 64 KiB tmpfs where the machine lets the tests mount one.
    @Test(.enabled(if: SmallDisk.canMount(), "needs permission to mount a tmpfs (root with CAP_SYS_ADMIN)"))
    func aFullDiskLeavesTheOldOutputsWhole() throws {
        let disk = try SmallDisk(kibibytes: 64)
        defer { disk.unmount() }
        try write("old xml", to: disk.path + "/r.xml")
        try write("old html", to: disk.path + "/r.html")
        let large = String(repeating: "<day/>\n", count: 40_000)  // 280 KB, more than the disk holds
        do {
            try OutputFiles.writeTogether([("new xml", disk.path + "/r.xml"), (large, disk.path + "/r.html")])
            Issue.record("wrote 280 KB to a 64 KiB disk")
        } catch {
            #expect(error.exitCode == 70)
            #expect(error.description.contains("No space left on device"))
        }
        #expect(try read(disk.path + "/r.xml") == "old xml")
        #expect(try read(disk.path + "/r.html") == "old html")
        #expect(files(under: disk.path).sorted() == ["r.html", "r.xml"])
    }

    /// A run killed between writing and renaming leaves a temporary; the next write of that file
    /// removes it once it is an hour old, and leaves a fresh one (another run's) alone.
    @Test func staleTemporariesAreRemoved() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("half", to: folder + "/.r.xml.Ab12Cd")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)],
                                              ofItemAtPath: folder + "/.r.xml.Ab12Cd")
        try write("in flight", to: folder + "/.r.xml.Zz99Yy")
        try OutputFiles.writeAtomically("new", to: folder + "/r.xml")
        #expect(files(under: folder).sorted() == [".r.xml.Zz99Yy", "r.xml"])
    }

    @Test func theFileIsReadableLikeAnyOutput() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try OutputFiles.writeAtomically("x", to: folder + "/a.html")
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/a.html")[.posixPermissions] as? Int
        let mask = umask(0)
        umask(mask)
        #expect(mode == 0o644 & ~Int(mask))
    }

    /// `render r.xml -o r.xml` (or through a link) would replace the report with its own HTML.
    @Test func renderRefusesToOverwriteItsInput() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/r.xml"
        try write(try read(path("reports/samples/nakamoto-like.xml")), to: report)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.xml", withDestinationPath: report)
        for out in [report, folder + "/link.xml", folder + "/../" + (folder as NSString).lastPathComponent + "/r.xml"] {
            do {
                _ = try ReportCommands.render(reportPath: report, outPath: out)
                Issue.record("overwrote its input through \(out)")
            } catch {
                #expect(error.exitCode == 64)
                #expect(error.description.contains("is the report itself"))
            }
        }
        #expect(try read(report) == (try read(path("reports/samples/nakamoto-like.xml"))))
    }
}

/// A small tmpfs mounted for one test, to fill a disk on purpose.
struct SmallDisk {
    let path: String

    /// Mounts a tmpfs of `kibibytes` on a new scratch folder.
    init(kibibytes: Int, name: String = #function) throws {
        path = try scratchFolder("small-disk-" + name)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(kibibytes)k") == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }

    func unmount() {
        umount2(path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Whether this process may mount a tmpfs (tried once on a probe folder).
    static func canMount() -> Bool {
        guard let probe = try? SmallDisk(kibibytes: 4, name: "probe") else { return false }
        probe.unmount()
        return true
    }
}
