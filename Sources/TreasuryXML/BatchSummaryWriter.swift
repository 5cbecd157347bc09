public import TreasuryModel
public import StressEngine

/// Writes the batch summary XML (`urn:treasury-stress:batch-summary:1`), validated.
public enum BatchSummaryWriter {
    /// The summary XML text.
    public static func xml(quarter: String, toolVersion: String, entries: [BatchEntry]) throws(InputError) -> String {
        guard let w = XMLWriter() else { return "" }
        typealias N = ReportNumber
        w.start("batchSummary")
        w.attribute("xmlns", "urn:treasury-stress:batch-summary:1")
        w.attribute("quarter", quarter)
        w.attribute("tool", "treasury-stress")
        w.attribute("version", toolVersion)
        w.attribute("entries", String(entries.count))
        w.attribute("failed", String(entries.filter { $0.outcome != .ok }.count))
        for e in entries {
            w.element("entry", [
                "treasury": e.treasury, "scenarioSet": e.scenarioSet, "outcome": e.outcome.rawValue, "status": e.status,
                "worstTrigger": e.worstTrigger, "worstTriggerPrice": N.optional(e.worstTriggerPrice, N.usd),
                "liquidationPrice": N.optional(e.liquidationPrice, N.usd),
                "forcedSalePrice": N.optional(e.forcedSalePrice, N.usd), "defaultPrice": N.optional(e.defaultPrice, N.usd),
                "forcedSaleProbability": N.optional(e.forcedSaleProbability, N.ratio),
                "btcPerShare": N.optional(e.btcPerShare, { N.fixed($0, 10) }), "previousQuarter": e.previousQuarter,
                "previousLiquidationPrice": N.optional(e.previousLiquidationPrice, N.usd),
                "previousForcedSalePrice": N.optional(e.previousForcedSalePrice, N.usd),
                "previousForcedSaleProbability": N.optional(e.previousForcedSaleProbability, N.ratio),
                "previousBTCPerShare": N.optional(e.previousBTCPerShare, { N.fixed($0, 10) }),
                "report": e.report, "error": e.error,
            ])
        }
        w.end()
        let text = w.finish()
        let document = try SecureXMLParser.parse(Array(text.utf8), fileName: "summary.xml")
        try SchemaValidator.validate(document, schema: .batchSummary)
        return text
    }
}
