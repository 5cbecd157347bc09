public import TreasuryModel

/// A system file as written: its market, bands and flows, and the holder and scenario-set paths
/// (relative to the file) the kit reads next.
public struct SystemFile: Sendable, Equatable {
    /// The system with no holders yet.
    public var system: MarketSystem
    /// Each holder's path, as written, with where it is declared.
    public var holderPaths: [(path: String, location: SourceLocation?)]
    /// The scenario-set file, or nil for the built-in set.
    public var scenariosPath: String?

    public static func == (a: SystemFile, b: SystemFile) -> Bool {
        a.system == b.system && a.scenariosPath == b.scenariosPath
            && a.holderPaths.map(\.path) == b.holderPaths.map(\.path)
    }
}

extension InputReader {
    /// Reads a system file (`urn:treasury-stress:system:1`); bands and flows are checked for meaning.
    public static func systemFile(_ data: [UInt8], fileName: String) throws(InputError) -> SystemFile {
        let document = try open(data, fileName: fileName, expecting: .system)
        guard let root = document.root, let marketElement = root.child("market"), let scenarios = root.child("scenarios") else {
            throw InputError("empty document", at: nil)
        }
        let impact = try marketElement.child("priceImpact")?.priceImpact() ?? PriceImpact()
        var holders: [(String, SourceLocation?)] = []
        var bands: [LeveragedBand] = []
        var flows: FundFlows?
        var problems: [InputDiagnostic] = []
        for element in root.children {
            switch element.name {
            case "holder":
                holders.append((try element.string("path"), element.location))
            case "leveragedLongs":
                for band in element.children where band.name == "band" {
                    let value = LeveragedBand(liquidationPrice: try band.double("liquidationPrice"),
                                              notionalUSD: try band.double("notionalUSD"), location: band.location)
                    if let previous = bands.last, value.liquidationPrice >= previous.liquidationPrice {
                        problems.append(InputDiagnostic(
                            "band: liquidationPrice (\(value.liquidationPrice)) must be below the band before it (\(previous.liquidationPrice)): list bands from the highest price down",
                            at: band.location))
                    }
                    bands.append(value)
                }
            case "fundFlows":
                flows = FundFlows(outflowUSDPerPercentDrawdown: try element.double("outflowUSDPerPercentDrawdown"),
                                  lagDays: try element.int("lagDays", default: 1))
            default:
                break
            }
        }
        let builtIn = try scenarios.bool("builtIn", default: false)
        let setPath = scenarios.attribute("path")
        if builtIn == (setPath != nil) { throw scenarios.fail("give either path=\"SET.xml\" or builtIn=\"true\"") }
        let system = MarketSystem(
            name: try root.string("name"), asOf: try root.date("asOf"), btcPrice: try root.double("btcPrice"),
            horizonDays: try root.int("horizonDays", default: 1),
            btcDailyVolumeUSD: try marketElement.double("btcDailyVolumeUSD"), priceImpact: impact, holders: [],
            leveragedLongs: bands, fundFlows: flows, location: root.location)
        problems += system.validationProblems()
        if !problems.isEmpty { throw InputError(problems) }
        return SystemFile(system: system, holderPaths: holders, scenariosPath: setPath)
    }
}
