import Foundation

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

/// A fresh temporary folder for one test.
func scratchFolder(_ name: String = #function) throws -> String {
    let folder = NSTemporaryDirectory() + "ts-\(name.filter(\.isLetter))-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

func write(_ text: String, to file: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
}

func read(_ file: String) throws -> String { try String(contentsOfFile: file, encoding: .utf8) }

/// A quick scenario set: two instant shocks over 60 days, no Monte Carlo.
let quickSet = """
<scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="quick" horizonDays="60">
  <instant id="m40" btcShock="-0.4"/>
  <instant id="m70" btcShock="-0.7"/>
</scenarioSet>
"""

/// Every regular file under `folder` (relative paths), sorted.
func files(under folder: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder)
    var result: [String] = []
    while let item = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
            result.append(item)
        }
    }
    return result.sorted()
}
