public import TreasuryModel

extension InputReader {
    /// Reads a batch manifest (`urn:treasury-stress:batch:1`).
    public static func batchManifest(_ data: [UInt8], fileName: String) throws(InputError) -> BatchManifest {
        let document = try open(data, fileName: fileName, expecting: .batch)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        var treasuries: [String] = []
        var sets: [String?] = []
        for element in root.children {
            switch element.name {
            case "treasury":
                treasuries.append(try element.string("path"))
            case "scenarios":
                let builtIn = try element.bool("builtIn", default: false)
                let path = element.attribute("path")
                if builtIn == (path != nil) {
                    throw element.fail("give either path=\"SET.xml\" or builtIn=\"true\"")
                }
                sets.append(builtIn ? nil : path)
            default:
                break
            }
        }
        var paths: Int?
        if root.attribute("monteCarloPaths") != nil { paths = try root.int("monteCarloPaths", default: 0) }
        var mapPaths: Int?
        if root.attribute("mapPaths") != nil { mapPaths = try root.int("mapPaths", default: 0) }
        return BatchManifest(quarter: try root.string("quarter"), output: root.attribute("output"),
                             history: root.attribute("history"), monteCarloPaths: paths, mapPaths: mapPaths, treasuries: treasuries,
                             scenarioSets: sets, location: root.location)
    }
}
