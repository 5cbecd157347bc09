import TreasuryModel
import Foundation

/// Writes output files atomically: a temporary file in the same folder, then a rename, so a
/// reader never sees half a report and an interrupted run leaves the old file in place.
public enum OutputFiles {
    /// Writes `text` to `path` atomically, creating the folder if needed.
    public static func writeAtomically(_ text: String, to path: String) throws(ToolError) {
        try writeTogether([(text, path)])
    }

    /// Writes several files so that they appear together: every one is first written in full to
    /// a temporary beside its target, and only then are they all renamed into place (a rename
    /// replaces a file in one step). A failure while writing (a full disk) leaves every old file
    /// as it was and no temporary behind. Temporaries get unpredictable names and are created
    /// exclusively (`mkstemp`: `O_CREAT|O_EXCL`), so a link planted where one will be cannot
    /// redirect the write.
    public static func writeTogether(_ files: [(text: String, path: String)]) throws(ToolError) {
        try writeTogether(bytes: files.map { (Array($0.text.utf8), $0.path) })
    }

    /// `writeTogether` for files given as bytes (a PDF beside its XML and HTML).
    public static func writeTogether(bytes files: [(bytes: [UInt8], path: String)]) throws(ToolError) {
        for file in files { removeStaleTemporaries(of: file.path) }
        var staged: [(temporary: String, path: String)] = []
        func discard() { for file in staged { unlink(file.temporary) } }
        for file in files {
            do {
                staged.append((try stage(file.bytes, beside: file.path), file.path))
            } catch {
                discard()
                throw error
            }
        }
        for (index, file) in staged.enumerated() where rename(file.temporary, file.path) != 0 {
            let reason = "cannot move \(file.path) into place (errno \(errno))"
            for later in staged[index...] { unlink(later.temporary) }
            throw .internal(reason)
        }
    }

    /// How old a temporary must be before a later write takes it for a killed run's leftover.
    static let staleAfter: TimeInterval = 3600

    /// Removes temporaries of `path` (`.NAME.XXXXXX`) left by a run killed between writing and
    /// renaming, once they are an hour old (a run writing now has a fresh one).
    static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let cutoff = Date().addingTimeInterval(-staleAfter)
        for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
            let candidate = (folder as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: candidate),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified < cutoff else { continue }
            unlink(candidate)
        }
    }

    /// The process's file-creation mask, read once: reading it means setting it, and setting it
    /// while batch workers create files would change their permissions. Outputs are 0644 less it
    /// (mkstemp creates them 0600).
    static let processUmask: mode_t = {
        let mask = umask(0)
        umask(mask)
        return mask
    }()

    /// The path `mkstemp`/`mkdtemp` wrote into `template` (a NUL-terminated C string).
    static func path(fromTemplate template: [CChar]) -> String {
        String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes `bytes` to a new temporary file in `path`'s folder and returns the temporary's path.
    static func stage(_ bytes: [UInt8], beside path: String) throws(ToolError) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .internal("cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw .internal("cannot create a temporary file beside \(path) (errno \(errno))") }
        let temporary = OutputFiles.path(fromTemplate: template)
        var failure: String?
        if fchmod(descriptor, 0o644 & ~processUmask) != 0 { failure = "cannot set the permissions of \(temporary) (errno \(errno))" }
        var written = 0
        while failure == nil && written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = "cannot write \(path) (errno \(errno): \(String(cString: strerror(errno))))"
            } else {
                written += count
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = "cannot write \(path) (errno \(errno))" }
        if let failure {
            unlink(temporary)
            throw .internal(failure)
        }
        return temporary
    }

    /// Whether two paths name one file (the same device and inode, through links and `..`).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Refuses (usage, 64) when an output would replace one of the inputs: `run strategy.xml --out .`
    /// beside the treasury file names its report `strategy.xml` too.
    public static func refuseToOverwrite(inputs: [String], outputs: [String]) throws(ToolError) {
        for output in outputs {
            if let input = inputs.first(where: { sameFile($0, output) }) {
                throw .usage("\(output) would replace the input \(input); choose another --out folder")
            }
        }
    }

    /// Reads a whole input file; a missing or unreadable file is a bad input (exit 65).
    public static func read(_ path: String) throws(ToolError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a folder, not a file" : "cannot be read")
            throw .input(.init("\(path): \(reason)", at: nil))
        }
        return [UInt8](data)
    }
}
