public import TreasuryModel
public import StressResults

/// Writes a systemic run as system report XML (`urn:treasury-stress:system-report:1`), validated.
public enum SystemReportWriter {
    /// A holder as the report names it: its treasury's name, its file and the file's SHA-256.
    public typealias HolderSource = (name: String, source: String, sha256: String)

    /// The XML text of `results` for `system` (the holders in system order; `ladders`, each
    /// holder's ladder in the system, in the same order).
    public static func xml(_ system: MarketSystem, holders: [HolderSource], results: [SystemScenarioResult],
                           ladders: [SystemHolderLadder] = [], monteCarlo: [SystemMonteCarloResult] = [],
                           toolVersion: String) throws(InputError) -> String {
        guard let w = XMLWriter() else { return "" }
        typealias N = ReportNumber
        w.start("systemReport")
        w.attribute("xmlns", Schema.systemReport.namespace)
        w.attribute("tool", "treasury-stress")
        w.attribute("version", toolVersion)
        w.attribute("name", system.name)
        w.attribute("asOf", system.asOf.description)
        w.attribute("btcPrice", N.usd(system.btcPrice))
        w.attribute("horizonDays", String(system.horizonDays))
        for (index, holder) in holders.enumerated() {
            w.start("holder")
            w.attribute("name", holder.name)
            w.attribute("source", holder.source)
            w.attribute("sha256", holder.sha256)
            for rung in ladders.indices.contains(index) ? ladders[index].rungs : [] {
                w.start("rung")
                for (name, value) in [
                    ("kind", rung.trigger.kind.rawValue), ("ref", rung.trigger.ref), ("status", rung.together.status.rawValue),
                    ("btcPrice", N.optional(rung.together.btcPrice, N.usd)), ("drawdown", N.optional(rung.together.drawdown, N.ratio)),
                    ("monotonic", rung.together.monotonic ? "true" : "false"), ("realisedLow", N.optional(rung.realisedLow, N.usd)),
                    ("statusWithoutFeedback", rung.alone.status.rawValue),
                    ("btcPriceWithoutFeedback", N.optional(rung.alone.btcPrice, N.usd)),
                    ("drawdownWithoutFeedback", N.optional(rung.alone.drawdown, N.ratio)),
                    ("monotonicWithoutFeedback", rung.alone.monotonic ? "true" : "false"),
                    ("driverKind", rung.together.driver?.kind.rawValue), ("driverRef", rung.together.driver?.ref),
                    ("driverDate", rung.together.driver.map { system.asOf.adding(days: $0.day).description }),
                    ("driverUSD", rung.together.driver.map { N.usd($0.amountUSD) }),
                ] as [(String, String?)] { w.attribute(name, value) }
                w.end()
            }
            w.end()
        }
        func sourceName(_ kind: SaleSource.Kind) -> String {
            switch kind {
            case .holder(let i): return holders.indices.contains(i) ? holders[i].name : "holder \(i + 1)"
            case .leveragedLongs: return "leveragedLongs"
            case .fundOutflows: return "fundOutflows"
            }
        }
        for result in results {
            w.start("scenario")
            w.attribute("id", result.scenarioID)
            w.attribute("name", result.scenarioName)
            w.attribute("exogenousWorstDrawdown", N.ratio(result.exogenousWorstDrawdown))
            w.attribute("realisedWorstDrawdown", N.ratio(result.realisedWorstDrawdown))
            w.attribute("amplification", N.optional(result.amplification, N.ratio))
            for holder in result.holders {
                w.start("outcome")
                w.attribute("holder", holder.name)
                w.attribute("btcSold", N.btc(holder.outcome.btcSold))
                w.attribute("btcSoldWithoutFeedback", N.btc(holder.counterfactual.btcSold))
                w.attribute("firstForcedSaleDay", holder.outcome.firstForcedSale.map { String($0.day) })
                w.attribute("firstForcedSaleDayWithoutFeedback", holder.counterfactual.firstForcedSale.map { String($0.day) })
                w.attribute("firstDefaultDay", holder.outcome.firstDefaultDay.map(String.init))
                w.attribute("firstDefaultDayWithoutFeedback", holder.counterfactual.firstDefaultDay.map(String.init))
                for caused in holder.causedBySpiral {
                    w.start("caused")
                    w.attribute("kind", caused.trigger.kind.rawValue)
                    w.attribute("ref", caused.trigger.ref)
                    w.attribute("day", String(caused.day))
                    w.attribute("date", system.asOf.adding(days: caused.day).description)
                    for source in caused.precededBy {
                        w.element("precededBy", ["source": sourceName(source.kind), "usd": N.usd(source.usd)])
                    }
                    w.end()
                }
                w.end()
            }
            for day in result.days {
                w.element("day", [
                    "day": String(day.day), "exogenousPrice": N.usd(day.exogenousPrice), "price": N.usd(day.price),
                    "rounds": String(day.rounds), "leveragedSalesUSD": N.usd(day.leveragedSalesUSD),
                    "fundOutflowUSD": N.usd(day.fundOutflowUSD),
                    "holderSalesUSD": day.holderSalesUSD.map(N.usd).joined(separator: " "),
                ])
            }
            w.end()
        }
        for run in monteCarlo {
            w.start("monteCarlo")
            w.attribute("id", run.id)
            w.attribute("name", run.name)
            w.attribute("paths", String(run.paths))
            w.attribute("seed", String(run.seed))
            for (key, value) in zip(["p05", "p25", "p50", "p75", "p95"], run.amplification) { w.attribute(key, N.ratio(value)) }
            for holder in run.holders {
                w.element("holderProbability", [
                    "holder": holder.name, "forcedSale": N.ratio(holder.forcedSale),
                    "forcedSaleWithoutFeedback": N.ratio(holder.forcedSaleWithoutFeedback), "default": N.ratio(holder.defaulted),
                    "defaultWithoutFeedback": N.ratio(holder.defaultedWithoutFeedback), "causedBySpiral": N.ratio(holder.causedBySpiral),
                ])
            }
            w.end()
        }
        w.end()
        let text = w.finish()
        let document = try SecureXMLParser.parse(Array(text.utf8), fileName: "system-report.xml")
        try SchemaValidator.validate(document, schema: .systemReport)
        return text
    }
}
