import Foundation
import Testing
@testable import TreasuryStressKit

/// `--format pdf`: the board report printed through headless Chromium, where it is installed
/// (`.ci/run` installs it), and a clear usage error naming the package where it is not.
@Suite struct PDFPrinterTests {
    @Test(.enabled(if: PDFPrinter.chromium() != nil, "needs Chromium (apt-get install chromium)"))
    func runPrintsTheBoardReportToAPDF() throws {
        let out = NSTemporaryDirectory() + "treasury-stress-pdf-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let output = try ReportCommands.run(treasuryPath: path("examples/ibit-fund.xml"), scenariosPath: nil,
                                            outDirectory: out, formats: [.xml, .pdf], monteCarlo: .init(paths: 300, mapPaths: 3))
        #expect(output.written.map { ($0 as NSString).lastPathComponent } == ["ibit-fund.xml", "ibit-fund.pdf"])
        let pdf = try Data(contentsOf: URL(fileURLWithPath: out + "/ibit-fund.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        // One page object per printed page: the report runs to several A4 landscape pages.
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page\n").count - 1 + text.components(separatedBy: "/Type /Page ").count - 1
        #expect(pages >= 5)
        #expect(text.contains("/MediaBox [0 0 841.91998 594.95996]"))  // A4 landscape, in points
    }

    @Test func withoutChromiumTheErrorNamesThePackage() {
        #expect(PDFPrinter.chromium(environment: ["PATH": "/nonexistent"]) == nil)
        #expect(PDFPrinter.chromium(environment: ["TREASURY_STRESS_CHROMIUM": "/nonexistent/chrome"]) == nil)
        #expect(PDFPrinter.missing.contains("apt-get install chromium"))
        #expect(ToolError.usage(PDFPrinter.missing).exitCode == 64)
    }
}
