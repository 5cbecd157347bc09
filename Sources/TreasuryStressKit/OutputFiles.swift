import TreasuryModel
import Foundation

/// Writes output files atomically: a temporary file in the same folder, then a rename, so a
/// reader never sees half a report and an interrupted run leaves the old file in place.
public enum OutputFiles {
    /// Writes `text` to `path` atomically, creating the folder if needed. The temporary file gets
    /// an unpredictable name and is created exclusively (`mkstemp`: `O_CREAT|O_EXCL`, so a link
    /// planted where it will be cannot redirect the write), and is removed if anything fails.
    public static func writeAtomically(_ text: String, to path: String) throws(ToolError) {
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
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        // Readable as any output file is (mkstemp creates it 0600), less what the umask withholds.
        let mask = umask(0)
        umask(mask)
        if fchmod(descriptor, 0o644 & ~mask) != 0 { failure = "cannot set the permissions of \(temporary) (errno \(errno))" }
        let bytes = Array(text.utf8)
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
        if failure == nil && rename(temporary, url.path) != 0 {
            failure = "cannot move the report into place at \(path) (errno \(errno))"
        }
        if let failure {
            unlink(temporary)
            throw .internal(failure)
        }
    }

    /// Whether two paths name one file (the same device and inode, through links and `..`).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
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
