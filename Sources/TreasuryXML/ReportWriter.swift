public import TreasuryModel
public import StressResults

/// Turns a `StressReport` into report XML (`urn:treasury-stress:report:2`), validated against
/// `report.xsd` before it is returned. The same report always gives the same bytes.
public enum ReportWriter {
    /// The report namespace.
    public static let namespace = "urn:treasury-stress:report:2"

    /// The report XML text; throws when it does not validate (an internal error).
    public static func xml(_ report: StressReport) throws(InputError) -> String {
        let text = unvalidatedXML(report)
        let document = try SecureXMLParser.parse(Array(text.utf8), fileName: "report.xml")
        try SchemaValidator.validate(document, schema: .report)
        return text
    }

    static func unvalidatedXML(_ report: StressReport) -> String {
        guard let w = XMLWriter() else { return "" }
        typealias N = ReportNumber
        w.start("report")
        w.attribute("xmlns", namespace)
        w.attribute("tool", "treasury-stress")
        w.attribute("version", report.toolVersion)
        w.attribute("treasury", report.treasuryName)
        w.attribute("asOf", report.asOf.description)
        w.attribute("scenarioSet", report.scenarioSetName)
        w.attribute("horizonDays", String(report.horizonDays))

        w.start("inputs")
        for input in report.inputs {
            w.element("input", ["role": input.role, "name": input.name, "sha256": input.sha256])
        }
        w.end()

        let s = report.start
        w.element("start", [
            "btcPrice": N.usd(s.btcPrice), "btcHeld": N.btc(s.btcHeld), "shares": N.shares(s.shares),
            "sharePrice": N.usd(s.sharePrice), "mnav": N.ratio(s.mnav), "navUSD": N.usd(s.navUSD),
            "debtUSD": N.usd(s.debtUSD), "preferredUSD": N.usd(s.preferredUSD), "liquidityUSD": N.usd(s.liquidityUSD),
            "annualFixedChargesUSD": N.usd(s.annualFixedChargesUSD), "btcPerShare": N.fixed(s.btcPerShare, 10),
            "leverage": N.ratio(s.leverage),
        ])

        w.start("instruments")
        for row in report.instruments {
            w.start("instrument")
            for (name, value) in [
                ("id", row.id), ("kind", row.kind), ("seniority", String(row.seniority)), ("notionalUSD", N.usd(row.notionalUSD)),
                ("rate", N.ratio(row.rate)), ("maturity", row.maturity?.description),
                ("coverage", N.optional(row.coverage, N.ratio)),
            ] as [(String, String?)] { w.attribute(name, value) }
            ReportTermsCoding.write(row.terms, to: w)
            w.end()
        }
        w.end()

        w.start("maturityWall")
        for year in report.maturityWall {
            w.element("year", [
                "year": String(year.year), "principalUSD": N.usd(year.principalUSD),
                "interestUSD": N.usd(year.interestUSD), "dividendsUSD": N.usd(year.dividendsUSD),
            ])
        }
        w.end()

        w.start("ladder")
        for rung in report.ladder {
            w.start("trigger")
            for (name, value) in [
                ("kind", rung.trigger.kind.rawValue), ("ref", rung.trigger.ref), ("status", rung.status.rawValue),
                ("btcPrice", N.optional(rung.btcPrice, N.usd)), ("drawdown", N.optional(rung.drawdown, N.ratio)),
                ("monotonic", rung.monotonic ? "true" : "false"),
            ] { w.attribute(name, value) }
            if let driver = rung.driver { writeEvent(driver, named: "driver", asOf: report.asOf, to: w) }
            w.end()
        }
        w.end()

        w.start("scenarios")
        for scenario in report.scenarios { writeScenario(scenario, asOf: report.asOf, to: w) }
        w.end()

        for result in report.monteCarlo { writeMonteCarlo(result, to: w) }
        if let map = report.probabilityMap { writeProbabilityMap(map, to: w) }

        ReportTermsCoding.write(report.assumptions, to: w)
        if let section = report.system { writeSystem(section, to: w) }
        w.end()
        return w.finish()
    }

    static func writeSystem(_ section: SystemSection, to w: XMLWriter) {
        typealias N = ReportNumber
        w.start("system")
        w.attribute("name", section.systemName)
        w.attribute("asOf", section.asOf.description)
        w.attribute("btcPrice", N.usd(section.btcPrice))
        w.attribute("horizonDays", String(section.horizonDays))
        for other in section.others { w.element("other", ["name": other]) }
        for row in section.rows {
            w.start("row")
            for (name, value) in [
                ("scenario", row.scenarioID), ("name", row.scenarioName), ("amplification", N.optional(row.amplification, N.ratio)),
                ("btcSold", N.btc(row.btcSold)), ("btcSoldAlone", N.btc(row.btcSoldAlone)),
                ("firstForcedSaleDay", row.firstForcedSaleDay.map(String.init)),
                ("firstForcedSaleDayAlone", row.firstForcedSaleDayAlone.map(String.init)),
                ("firstDefaultDay", row.firstDefaultDay.map(String.init)), ("firstDefaultDayAlone", row.firstDefaultDayAlone.map(String.init)),
            ] as [(String, String?)] { w.attribute(name, value) }
            for caused in row.caused {
                w.start("caused")
                w.attribute("kind", caused.trigger.kind.rawValue)
                w.attribute("ref", caused.trigger.ref)
                w.attribute("day", String(caused.day))
                for seller in caused.precededBy { w.element("precededBy", ["seller": seller.name, "usd": N.usd(seller.usd)]) }
                w.end()
            }
            w.end()
        }
        for rung in section.ladder {
            w.start("rung")
            for (name, value) in [
                ("kind", rung.trigger.kind.rawValue), ("ref", rung.trigger.ref), ("status", rung.together.status.rawValue),
                ("btcPrice", N.optional(rung.together.btcPrice, N.usd)), ("drawdown", N.optional(rung.together.drawdown, N.ratio)),
                ("monotonic", rung.together.monotonic ? "true" : "false"), ("realisedLow", N.optional(rung.realisedLow, N.usd)),
                ("statusAlone", rung.alone.status.rawValue), ("btcPriceAlone", N.optional(rung.alone.btcPrice, N.usd)),
                ("drawdownAlone", N.optional(rung.alone.drawdown, N.ratio)), ("monotonicAlone", rung.alone.monotonic ? "true" : "false"),
            ] { w.attribute(name, value) }
            if let driver = rung.together.driver { writeEvent(driver, named: "driver", asOf: section.asOf, to: w) }
            w.end()
        }
        w.end()
    }

    static func levels(_ values: [Double], _ format: (Double) -> String) -> [(String, String)] {
        zip(["p05", "p25", "p50", "p75", "p95"], values).map { ($0, format($1)) }
    }

    static func writeMonteCarlo(_ r: MonteCarloResult, to w: XMLWriter) {
        typealias N = ReportNumber
        w.start("monteCarlo")
        w.attribute("id", r.id)
        w.attribute("name", r.name)
        w.attribute("model", r.model)
        w.attribute("paths", String(r.paths))
        w.attribute("seed", String(r.seed))
        ReportTermsCoding.write(r.priceModel, to: w)
        for t in r.triggers {
            let interval = t.interval
            w.element("probability", [
                "kind": t.trigger.kind.rawValue, "ref": t.trigger.ref, "count": String(t.count),
                "probability": N.ratio(t.probability), "low95": N.ratio(interval.low), "high95": N.ratio(interval.high),
            ])
        }
        for q in r.quantiles {
            w.start("quantiles")
            w.attribute("metric", q.metric)
            w.attribute("unit", q.unit)
            for (key, value) in levels(q.values, { N.fixed($0, 10) }) { w.attribute(key, value) }
            w.end()
        }
        for fan in r.fans {
            w.start("fan")
            w.attribute("metric", fan.metric)
            for point in fan.points {
                w.start("point")
                w.attribute("day", String(point.day))
                for (key, value) in levels(point.values, { N.fixed($0, 6) }) { w.attribute(key, value) }
                w.end()
            }
            w.end()
        }
        w.end()
    }

    static func writeProbabilityMap(_ map: ProbabilityMap, to w: XMLWriter) {
        typealias N = ReportNumber
        w.start("probabilityMap")
        w.attribute("id", map.id)
        w.attribute("name", map.name)
        w.attribute("model", map.priceModel.kind)
        w.attribute("paths", String(map.paths))
        w.attribute("seed", String(map.seed))
        w.attribute("priceSteps", String(map.priceMultiples.count))
        w.attribute("mnavSteps", String(map.mnavs.count))
        w.attribute("todayMNAV", N.ratio(map.todayMNAV))
        w.attribute("marginCallPossible", map.marginCallPossible ? "true" : "false")
        ReportTermsCoding.write(map.priceModel, to: w)
        for (k, cell) in map.cells.enumerated() {
            let column = k % max(1, map.priceMultiples.count)
            w.element("cell", [
                "priceMultiple": N.ratio(cell.priceMultiple),
                "btcPrice": N.usd(map.btcPrices.indices.contains(column) ? map.btcPrices[column] : 0),
                "mnav": N.ratio(cell.mnav), "reachable": cell.reachable ? "true" : "false",
                "forcedSale": String(cell.forcedSale), "missedPayment": String(cell.missedPayment), "marginCall": String(cell.marginCall),
            ])
        }
        w.end()
    }

    static func writeScenario(_ s: ScenarioReport, asOf: CalendarDate, to w: XMLWriter) {
        typealias N = ReportNumber
        w.start("scenario")
        let attributes: KeyValuePairs<String, String?> = [
            "id": s.id, "name": s.name, "kind": s.kind,
            "replayFrom": s.replayWindow?.from.description, "replayTo": s.replayWindow?.to.description,
            "status": s.status.rawValue,
            "minBTCPrice": N.usd(s.minBTCPrice), "endBTCPrice": N.usd(s.endBTCPrice),
            "firstForcedSaleDay": s.firstForcedSaleDay.map(String.init),
            "firstForcedSalePrice": N.optional(s.firstForcedSalePrice, N.usd),
            "firstDefaultDay": s.firstDefaultDay.map(String.init), "btcSold": N.btc(s.btcSold),
            "btcHeldStart": N.btc(s.btcHeldStart), "btcHeldEnd": N.btc(s.btcHeldEnd),
            "sharesStart": N.shares(s.sharesStart), "sharesEnd": N.shares(s.sharesEnd),
            "btcPerShareStart": N.fixed(s.btcPerShareStart, 10), "btcPerShareEnd": N.fixed(s.btcPerShareEnd, 10),
            "dilution": N.ratio(s.dilution), "minLiquidityUSD": N.usd(s.minLiquidityUSD),
            "minLiquidityDay": String(s.minLiquidityDay), "peakLeverage": N.ratio(s.peakLeverage),
            "deferredDividendsUSD": N.usd(s.deferredDividendsUSD), "unpaidUSD": N.usd(s.unpaidUSD),
            "worstDay": String(s.worstDay),
        ]
        for (key, value) in attributes { w.attribute(key, value) }
        for peak in s.peakLTV { w.element("peakLTV", ["ref": peak.ref, "value": N.ratio(peak.peakLTV)]) }
        for row in s.coverage {
            w.element("coverage", ["ref": row.ref, "start": N.optional(row.start, N.ratio),
                                   "worst": N.optional(row.worst, N.ratio)])
        }
        if let survival = s.closedMarkets {
            w.start("closedMarkets")
            w.attribute("firstDefaultDay", survival.firstDefaultDay.map(String.init))
            w.attribute("btcSold", ReportNumber.btc(survival.btcSold))
            if let missed = survival.missed { writeEvent(missed, named: "missed", asOf: asOf, to: w) }
            w.end()
        }
        if let advice = s.settlementAdvice {
            w.start("settlementAdvice")
            for (name, value) in [
                ("btcSold", N.btc(advice.btcSold)), ("dilution", N.ratio(advice.dilution)), ("defaulted", advice.defaulted ? "true" : "false"),
                ("ownBTCSold", N.btc(advice.ownBTCSold)), ("ownDilution", N.ratio(advice.ownDilution)),
                ("ownDefaulted", advice.ownDefaulted ? "true" : "false"), ("exhaustive", advice.exhaustive ? "true" : "false"),
            ] { w.attribute(name, value) }
            for e in advice.elections {
                w.element("note", ["id": e.note, "election": e.election.rawValue, "own": e.own.rawValue])
            }
            w.end()
        }
        w.start("series")
        for p in s.series {
            w.element("point", [
                "day": String(p.day), "btcPrice": N.usd(p.btcPrice), "btcHeld": N.btc(p.btcHeld),
                "maxLTV": N.ratio(p.maxLTV), "liquidityUSD": N.usd(p.liquidityUSD), "leverage": N.ratio(p.leverage),
                "mnav": N.ratio(p.mnav), "sharePrice": N.usd(p.sharePrice), "shares": N.shares(p.shares),
                "exogenousBTCPrice": N.optional(p.exogenousBTCPrice, N.usd),
            ])
        }
        w.end()
        w.start("events")
        for e in s.events { writeEvent(e, named: "event", asOf: asOf, to: w) }
        w.end()
        w.end()
    }

    /// One event (`eventType` in report.xsd): a scenario's `<event>` or a rung's `<driver>`.
    static func writeEvent(_ e: SimulationEvent, named name: String, asOf: CalendarDate, to w: XMLWriter) {
        typealias N = ReportNumber
        w.start(name)
        for (name, value) in [
            ("day", String(e.day)), ("date", asOf.adding(days: e.day).description), ("kind", e.kind.rawValue),
            ("ref", e.ref), ("amountUSD", N.usd(e.amountUSD)), ("btc", N.btc(e.btc)), ("shares", N.shares(e.shares)),
            ("btcPrice", N.usd(e.btcPrice)),
        ] { w.attribute(name, value) }
        EventDetailCoding.write(e.detail, to: w)
        w.end()
    }
}
