public import TreasuryModel
public import StressResults

/// Writes a treasury's quarterly trend as history XML (`urn:treasury-stress:history:1`), validated.
public enum HistoryWriter {
    /// The history XML text of `rows` (one treasury's summaries, oldest first).
    public static func xml(treasury: String, toolVersion: String, rows: [QuarterSummary]) throws(InputError) -> String {
        guard let w = XMLWriter() else { return "" }
        typealias N = ReportNumber
        w.start("history")
        w.attribute("xmlns", Schema.history.namespace)
        w.attribute("treasury", treasury)
        w.attribute("tool", "treasury-stress")
        w.attribute("version", toolVersion)
        for s in rows {
            w.element("entry", [
                "quarter": s.quarter, "scenarioSet": s.scenarioSet, "status": s.status, "worstTrigger": s.worstTrigger,
                "worstTriggerPrice": N.optional(s.worstTriggerPrice, N.usd), "liquidationPrice": N.optional(s.liquidationPrice, N.usd),
                "forcedSalePrice": N.optional(s.forcedSalePrice, N.usd), "defaultPrice": N.optional(s.defaultPrice, N.usd),
                "forcedSaleProbability": N.optional(s.forcedSaleProbability, N.ratio),
                "btcPerShare": N.optional(s.btcPerShare, { N.fixed($0, 10) }),
            ])
        }
        w.end()
        let text = w.finish()
        let document = try SecureXMLParser.parse(Array(text.utf8), fileName: "history.xml")
        try SchemaValidator.validate(document, schema: .history)
        return text
    }
}
