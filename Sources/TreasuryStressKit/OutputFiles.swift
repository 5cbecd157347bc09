import TreasuryModel
import Foundation

/// Writes output files atomically: a temporary file in the same folder, then a rename, so a
/// reader never sees half a report and an interrupted run leaves the old file in place.
public enum OutputFiles {
    /// Writes `text` to `path` atomically, creating the folder if needed.
    public static func writeAtomically(_ text: String, to path: String) throws(ToolError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                throw ToolError.internal("cannot move the report into place at \(path) (errno \(errno))")
            }
        } catch let error as ToolError {
            throw error
        } catch {
            throw .internal("cannot write \(path): \(error.localizedDescription)")
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
