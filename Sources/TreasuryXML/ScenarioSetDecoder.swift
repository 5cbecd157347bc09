import TreasuryModel

/// Maps a schema-valid `<scenarioSet>` element to the model.
enum ScenarioSetDecoder {
    static func decode(_ root: XMLElement) throws(InputError) -> ScenarioSet {
        var scenarios: [Scenario] = []
        for element in root.children {
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
            scenarios.append(Scenario(
                id: id, name: element.attribute("name") ?? id, path: path,
                equityShock: try element.double("equityShock", default: 0),
                fundDiscount: try element.double("fundDiscount", default: 0),
                rateShift: try element.double("rateShift", default: 0), marketsClosed: closed,
                location: element.location))
        }
        return ScenarioSet(name: try root.string("name"), horizonDays: try root.int("horizonDays", default: 0),
                           scenarios: scenarios, location: root.location)
    }
}
