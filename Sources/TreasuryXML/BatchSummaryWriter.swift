public import TreasuryModel

/// One treasury × scenario set of a batch, as the summary and the index record it.
public struct BatchEntry: Sendable, Equatable {
    /// What happened to the job.
    public enum Outcome: String, Sendable {
        case ok, failed, missing
    }

    public var treasury: String
    public var scenarioSet: String
    public var outcome: Outcome
    /// Worst scenario status (`survived`, `forcedSales`, `defaulted`).
    public var status: String?
    /// The trigger that fires at the highest BTC price, and that price (nil price: at any price).
    public var worstTrigger: String?
    public var worstTriggerPrice: Double?
    /// Ladder prices of the first forced sale and the first default, USD.
    public var forcedSalePrice: Double?
    public var defaultPrice: Double?
    /// Monte Carlo probability of a forced sale within the horizon (first run of the set).
    public var forcedSaleProbability: Double?
    /// BTC per share at the as-of date.
    public var btcPerShare: Double?
    /// The previous quarter's values, from the history database.
    public var previousQuarter: String?
    public var previousForcedSalePrice: Double?
    public var previousForcedSaleProbability: Double?
    public var previousBTCPerShare: Double?
    /// Report path relative to the quarter folder (without extension).
    public var report: String?
    /// The located error of a failed job.
    public var error: String?

    /// Creates an entry.
    public init(treasury: String, scenarioSet: String, outcome: Outcome) {
        self.treasury = treasury
        self.scenarioSet = scenarioSet
        self.outcome = outcome
    }
}

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
                "forcedSalePrice": N.optional(e.forcedSalePrice, N.usd), "defaultPrice": N.optional(e.defaultPrice, N.usd),
                "forcedSaleProbability": N.optional(e.forcedSaleProbability, N.ratio),
                "btcPerShare": N.optional(e.btcPerShare, { N.fixed($0, 10) }), "previousQuarter": e.previousQuarter,
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
