import Foundation

/// Prints a board report's HTML to PDF with headless Chromium (A4 landscape, as the report's
/// print style sheet asks; page numbers, as-of date and input hashes in each page's margin).
public enum PDFPrinter {
    /// Binaries tried in `PATH`, in order, when `TREASURY_STRESS_CHROMIUM` does not name one.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// Longest a print may take, in seconds.
    static let timeout: TimeInterval = 180

    /// The Chromium binary to print with, or nil when none is installed.
    public static func chromium(environment: [String: String]? = nil) -> String? {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let chosen = environment["TREASURY_STRESS_CHROMIUM"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    /// What to do when no Chromium is found.
    static let missing = "--format pdf prints through headless Chromium, which is not installed: install the Debian "
        + "package chromium (apt-get install chromium) or set TREASURY_STRESS_CHROMIUM to a Chrome or Chromium binary"

    /// The PDF of `html`. The page is self-contained (no script, no network), written to a
    /// private temporary folder and printed from there.
    public static func pdf(of html: String) throws(ToolError) -> [UInt8] {
        guard let binary = chromium() else { throw .usage(missing) }
        var template = Array((NSTemporaryDirectory() + "treasury-stress-pdf.XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard created else { throw .internal("cannot create a temporary folder to print the PDF (errno \(errno))") }
        let folder = OutputFiles.path(fromTemplate: template)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/report.html", output = folder + "/report.pdf"
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        } catch {
            throw .internal("cannot write \(page) to print it: \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // --no-sandbox: Chromium refuses to run as root otherwise (containers, CI); the page is
        // our own, with scripts forbidden by its content security policy.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--user-data-dir=" + folder + "/profile", "--print-to-pdf=" + output,
                             URL(fileURLWithPath: page).absoluteString]
        process.standardOutput = FileHandle.nullDevice
        // Chromium's messages go to a file, not a pipe: a pipe nobody drains can block it, and
        // reading one to its end would wait past the timeout for a Chromium that hangs.
        let logPath = folder + "/chromium.log"
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let logFile = FileHandle(forWritingAtPath: logPath) else {
            throw .internal("cannot create \(logPath) to print the PDF")
        }
        defer { try? logFile.close() }
        process.standardError = logFile
        do {
            try process.run()
        } catch {
            throw .internal("cannot start \(binary): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let log = FileManager.default.contents(atPath: logPath) ?? Data()
        if process.isRunning {
            process.terminate()
            throw .internal("\(binary) did not print the PDF within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: output), bytes.starts(with: Array("%PDF".utf8)) else {
            let tail = String(decoding: log.suffix(600), as: UTF8.self)
            throw .internal("\(binary) did not print the PDF (exit \(process.terminationStatus)): \(tail)")
        }
        return [UInt8](bytes)
    }
}
