public import TreasuryModel
public import StressResults

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
            let s = e.summary, p = e.previous
            w.element("entry", [
                "treasury": e.treasury, "scenarioSet": e.scenarioSet, "outcome": e.outcome.rawValue, "status": s?.status,
                "worstTrigger": s?.worstTrigger, "worstTriggerPrice": N.optional(s?.worstTriggerPrice, N.usd),
                "liquidationPrice": N.optional(s?.liquidationPrice, N.usd),
                "forcedSalePrice": N.optional(s?.forcedSalePrice, N.usd), "defaultPrice": N.optional(s?.defaultPrice, N.usd),
                "forcedSaleProbability": N.optional(s?.forcedSaleProbability, N.ratio),
                "btcPerShare": N.optional(s?.btcPerShare, { N.fixed($0, 10) }), "previousQuarter": p?.quarter,
                "previousLiquidationPrice": N.optional(p?.liquidationPrice, N.usd),
                "previousForcedSalePrice": N.optional(p?.forcedSalePrice, N.usd),
                "previousForcedSaleProbability": N.optional(p?.forcedSaleProbability, N.ratio),
                "previousBTCPerShare": N.optional(p?.btcPerShare, { N.fixed($0, 10) }),
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
