public import TreasuryModel
public import StressResults

/// Writes a `StructureComparison` as comparison XML (`urn:treasury-stress:comparison:1`),
/// validated against `comparison.xsd`.
public enum ComparisonWriter {
    /// The comparison XML text.
    public static func xml(_ comparison: StructureComparison) throws(InputError) -> String {
        guard let w = XMLWriter(), let first = comparison.structures.first else { return "" }
        typealias N = ReportNumber
        let chart = comparison.chartScenario
        w.start("comparison")
        w.attribute("xmlns", "urn:treasury-stress:comparison:1")
        w.attribute("tool", "treasury-stress")
        w.attribute("version", first.report.toolVersion)
        w.attribute("asOf", first.report.asOf.description)
        w.attribute("scenarioSet", first.report.scenarioSetName)
        w.attribute("horizonDays", String(first.report.horizonDays))
        w.attribute("chartScenario", chart)
        for structure in comparison.structures {
            let report = structure.report
            w.start("structure")
            w.attribute("id", structure.id)
            w.attribute("name", structure.name)
            w.attribute("source", structure.source)
            w.attribute("sha256", structure.sha256)
            for rung in report.ladder {
                w.element("trigger", [
                    "kind": rung.trigger.kind.rawValue, "ref": rung.trigger.ref, "status": rung.status.rawValue,
                    "btcPrice": N.optional(rung.btcPrice, N.usd), "drawdown": N.optional(rung.drawdown, N.ratio),
                ])
            }
            for s in report.scenarios {
                w.element("scenario", [
                    "id": s.id, "status": s.status.rawValue, "btcSold": N.btc(s.btcSold), "dilution": N.ratio(s.dilution),
                    "btcPerShareChange": N.ratio(s.btcPerShareStart > 0 ? s.btcPerShareEnd / s.btcPerShareStart - 1 : 0),
                    "minLiquidityUSD": N.usd(s.minLiquidityUSD), "firstForcedSalePrice": N.optional(s.firstForcedSalePrice, N.usd),
                ])
            }
            for run in report.monteCarlo {
                for p in run.triggers {
                    let interval = p.interval
                    w.element("probability", [
                        "run": run.id, "kind": p.trigger.kind.rawValue, "ref": p.trigger.ref,
                        "probability": N.ratio(p.probability), "low95": N.ratio(interval.low), "high95": N.ratio(interval.high),
                    ])
                }
            }
            if let scenario = report.scenarios.first(where: { $0.id == chart }) {
                w.start("series")
                w.attribute("scenario", chart)
                for point in scenario.series { w.element("point", ["day": String(point.day), "btcHeld": N.btc(point.btcHeld)]) }
                w.end()
            }
            w.end()
        }
        w.end()
        let text = w.finish()
        let document = try SecureXMLParser.parse(Array(text.utf8), fileName: "comparison.xml")
        try SchemaValidator.validate(document, schema: .comparison)
        return text
    }
}
