import TreasuryModel
import Foundation

/// The last day of the embedded history, the default end of a bootstrap window.
enum BTCHistoryWindow {
    static var lastDate: CalendarDate { BTCHistory.embedded.lastDate }
}

/// Maps a schema-valid `<scenarioSet>` element to the model.
enum ScenarioSetDecoder {
    static func decode(_ root: XMLElement) throws(InputError) -> ScenarioSet {
        var scenarios: [Scenario] = []
        var monteCarlo: [MonteCarloSpec] = []
        var map: ProbabilityMapSpec?
        for element in root.children {
            if element.name == "monteCarlo" {
                monteCarlo.append(try decodeMonteCarlo(element))
                continue
            }
            if element.name == "probabilityMap" {
                guard map == nil else { throw element.fail("a scenario set has at most one probabilityMap") }
                let paths = try decodeMonteCarlo(element, defaultPaths: 1_000)
                map = ProbabilityMapSpec(
                    id: paths.id, name: paths.name, model: paths.model, paths: paths.paths, seed: paths.seed,
                    priceMultiples: ProbabilityMapSpec.grid(from: try element.double("priceFrom", default: 0.4),
                                                            to: try element.double("priceTo", default: 1.6),
                                                            steps: try element.int("priceSteps", default: 13)),
                    mnavs: ProbabilityMapSpec.grid(from: try element.double("mnavFrom", default: 0.6),
                                                   to: try element.double("mnavTo", default: 3.0),
                                                   steps: try element.int("mnavSteps", default: 9)),
                    location: element.location)
                continue
            }
            let path: ScenarioPath
            switch element.name {
            case "instant":
                path = .instant(shock: try element.double("btcShock"))
            case "path":
                var points: [ScenarioPath.Waypoint] = []
                for point in element.children where point.name == "point" {
                    points.append(.init(day: try point.int("day", default: 0), multiple: try point.double("btc")))
                }
                path = .waypoints(points)
            case "historical":
                path = .historical(from: try element.date("from"), to: try element.date("to"))
            default:
                throw element.fail("unknown scenario kind")
            }
            let id = try element.string("id")
            var closed: ClosedRange<Int>?
            if element.attribute("marketsClosedFrom") != nil || element.attribute("marketsClosedTo") != nil {
                let from = try element.int("marketsClosedFrom", default: 1)
                let to = try element.int("marketsClosedTo", default: from)
                guard from <= to else { throw element.fail("marketsClosedFrom (\(from)) must not be after marketsClosedTo (\(to))") }
                closed = from...to
            }
            var scenario = Scenario(
                id: id, name: element.attribute("name") ?? id, path: path,
                equityShock: try element.double("equityShock", default: 0),
                fundDiscount: try element.double("fundDiscount", default: 0),
                rateShift: try element.double("rateShift", default: 0), marketsClosed: closed,
                location: element.location)
            if element.attribute("volumeShock") != nil || element.attribute("volumeShockFrom") != nil
                || element.attribute("volumeShockTo") != nil {
                let from = try element.int("volumeShockFrom", default: 1)
                let to = try element.int("volumeShockTo", default: from)
                guard from <= to else { throw element.fail("volumeShockFrom (\(from)) must not be after volumeShockTo (\(to))") }
                scenario.volumeShock = try element.double("volumeShock", default: 0)
                scenario.volumeShockDays = from...to
            }
            scenarios.append(scenario)
        }
        return ScenarioSet(name: try root.string("name"), horizonDays: try root.int("horizonDays", default: 0),
                           scenarios: scenarios, monteCarlo: monteCarlo, probabilityMap: map, location: root.location)
    }

    static func decodeMonteCarlo(_ element: XMLElement, defaultPaths: Int = 10_000) throws(InputError) -> MonteCarloSpec {
        let id = try element.string("id")
        let drift = try element.double("drift", default: Calibration.btcDrift)
        let model: MonteCarloSpec.PriceModel
        switch try element.string("model") {
        case "gbm":
            model = .gbm(drift: drift, volatility: try element.double("volatility", default: Calibration.btcVolatility))
        case "jumpDiffusion":
            model = .jumpDiffusion(
                drift: drift, volatility: try element.double("volatility", default: Calibration.jumpDiffusionVolatility),
                jumpIntensityPerDay: try element.double("jumpIntensity", default: Calibration.jumpIntensityPerDay),
                jumpMean: try element.double("jumpMean", default: Calibration.jumpMean),
                jumpStdDev: try element.double("jumpStdDev", default: Calibration.jumpStdDev))
        default:
            let last = BTCHistoryWindow.lastDate
            model = .bootstrap(
                blockDays: try element.int("blockDays", default: Calibration.bootstrapBlockDays),
                from: element.attribute("from") == nil ? Calibration.bootstrapFrom : try element.date("from"),
                to: element.attribute("to") == nil ? last : try element.date("to"),
                demean: try element.bool("demean", default: true))
        }
        var seed: UInt64 = 42
        if let text = element.attribute("seed") {
            guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                throw element.fail("seed (\"\(text)\") must be a whole number from 0 to 18446744073709551615")
            }
            seed = value
        }
        return MonteCarloSpec(id: id, name: element.attribute("name") ?? id, model: model,
                              paths: try element.int("paths", default: defaultPaths), seed: seed, location: element.location)
    }
}
