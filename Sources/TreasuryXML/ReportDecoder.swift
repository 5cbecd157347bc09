import TreasuryModel
import StressResults

/// Maps a schema-valid `<report>` element back to a `StressReport` (for `render` and the
/// round-trip check). Attributes derived from others (BTC per share, dilution, dates) are skipped.
enum ReportDecoder {
    static func decode(_ root: XMLElement) throws(InputError) -> StressReport {
        let inputs = try (root.child("inputs")?.children ?? []).map { (e: XMLElement) throws(InputError) in
            ReportInput(role: try e.string("role"), name: try e.string("name"), sha256: try e.string("sha256"))
        }
        guard let s = root.child("start") else { throw root.fail("missing <start>") }
        let start = BalanceSnapshot(
            btcPrice: try s.double("btcPrice"), btcHeld: try s.double("btcHeld"), shares: try s.double("shares"),
            sharePrice: try s.double("sharePrice"), mnav: try s.double("mnav"), navUSD: try s.double("navUSD"),
            debtUSD: try s.double("debtUSD"), preferredUSD: try s.double("preferredUSD"),
            liquidityUSD: try s.double("liquidityUSD"), annualFixedChargesUSD: try s.double("annualFixedChargesUSD"))
        var instruments: [InstrumentSummary] = []
        for e in root.child("instruments")?.children ?? [] {
            instruments.append(InstrumentSummary(
                id: try e.string("id"), kind: try e.string("kind"), seniority: try e.int("seniority", default: 1),
                notionalUSD: try e.double("notionalUSD"), rate: try e.double("rate"),
                maturity: e.attribute("maturity") == nil ? nil : try e.date("maturity"),
                terms: try ReportTermsCoding.readTerms(e, kind: try e.string("kind")),
                coverage: try e.optionalDouble("coverage")))
        }
        var wall: [MaturityWallYear] = []
        for e in root.child("maturityWall")?.children ?? [] {
            wall.append(MaturityWallYear(year: try e.int("year", default: 0), principalUSD: try e.double("principalUSD"),
                                         interestUSD: try e.double("interestUSD"), dividendsUSD: try e.double("dividendsUSD")))
        }
        let horizon = try root.int("horizonDays", default: 0)
        if !(0...36_500).contains(horizon) { throw root.fail("horizonDays (\(horizon)) must be between 0 and 36500") }
        var ladder: [TriggerRung] = []
        for e in root.child("ladder")?.children ?? [] {
            var driver: SimulationEvent?
            if let element = e.child("driver") { driver = try decodeEvent(element, horizon: horizon) }
            ladder.append(TriggerRung(
                trigger: Trigger(kind: try e.choice("kind", default: Trigger.Kind.forcedSale), ref: e.attribute("ref") ?? ""),
                status: try e.choice("status", default: TriggerRung.Status.never),
                btcPrice: try e.optionalDouble("btcPrice"), drawdown: try e.optionalDouble("drawdown"),
                monotonic: try e.bool("monotonic", default: true),
                driver: driver))
        }
        var scenarios: [ScenarioReport] = []
        for e in root.child("scenarios")?.children ?? [] { scenarios.append(try decodeScenario(e, horizon: horizon)) }
        var monteCarlo: [MonteCarloResult] = []
        for e in root.children where e.name == "monteCarlo" { monteCarlo.append(try decodeMonteCarlo(e, horizon: horizon)) }
        guard let assumptionsElement = root.child("assumptions") else { throw root.fail("missing <assumptions>") }
        let assumptions = try ReportTermsCoding.readAssumptions(assumptionsElement)
        var report = StressReport(
            toolVersion: try root.string("version"), treasuryName: try root.string("treasury"), asOf: try root.date("asOf"),
            scenarioSetName: try root.string("scenarioSet"), horizonDays: horizon,
            inputs: inputs, start: start, instruments: instruments, maturityWall: wall, ladder: ladder,
            scenarios: scenarios, monteCarlo: monteCarlo, assumptions: assumptions)
        if let element = root.child("system") { report.system = try decodeSystem(element) }
        if let element = root.child("probabilityMap") { report.probabilityMap = try decodeProbabilityMap(element) }
        return report
    }

    static func decodeSystem(_ e: XMLElement) throws(InputError) -> SystemSection {
        let horizon = try e.int("horizonDays", default: 0)
        if !(0...36_500).contains(horizon) { throw e.fail("horizonDays (\(horizon)) must be between 0 and 36500") }
        var others: [String] = []
        var rows: [SystemSection.Row] = []
        var ladder: [SystemRung] = []
        for child in e.children {
            switch child.name {
            case "other": others.append(try child.string("name"))
            case "rung":
                let trigger = Trigger(kind: try child.choice("kind", default: Trigger.Kind.forcedSale), ref: child.attribute("ref") ?? "")
                var driver: SimulationEvent?
                if let element = child.child("driver") { driver = try decodeEvent(element, horizon: horizon) }
                let together = TriggerRung(
                    trigger: trigger, status: try child.choice("status", default: TriggerRung.Status.never),
                    btcPrice: try child.optionalDouble("btcPrice"), drawdown: try child.optionalDouble("drawdown"),
                    monotonic: try child.bool("monotonic", default: true), driver: driver)
                let alone = TriggerRung(
                    trigger: trigger, status: try child.choice("statusAlone", default: TriggerRung.Status.never),
                    btcPrice: try child.optionalDouble("btcPriceAlone"), drawdown: try child.optionalDouble("drawdownAlone"),
                    monotonic: try child.bool("monotonicAlone", default: true))
                ladder.append(SystemRung(together: together, alone: alone, realisedLow: try child.optionalDouble("realisedLow")))
            case "row":
                var caused: [SystemSection.CausedTrigger] = []
                for c in child.children where c.name == "caused" {
                    guard let kind = Trigger.Kind(rawValue: try c.string("kind")) else { throw c.fail("unknown trigger kind") }
                    var sellers: [SystemSection.Seller] = []
                    for p in c.children where p.name == "precededBy" {
                        sellers.append(.init(name: try p.string("seller"), usd: try p.double("usd")))
                    }
                    caused.append(.init(trigger: Trigger(kind: kind, ref: try c.string("ref")), day: try c.int("day", default: 0),
                                        precededBy: sellers))
                }
                func day(_ name: String) throws(InputError) -> Int? {
                    child.attribute(name) == nil ? nil : try child.int(name, default: 0)
                }
                rows.append(.init(
                    scenarioID: try child.string("scenario"), scenarioName: try child.string("name"),
                    amplification: try child.optionalDouble("amplification"), btcSold: try child.double("btcSold"),
                    btcSoldAlone: try child.double("btcSoldAlone"), firstForcedSaleDay: try day("firstForcedSaleDay"),
                    firstForcedSaleDayAlone: try day("firstForcedSaleDayAlone"), firstDefaultDay: try day("firstDefaultDay"),
                    firstDefaultDayAlone: try day("firstDefaultDayAlone"), caused: caused))
            default: break
            }
        }
        return SystemSection(systemName: try e.string("name"), asOf: try e.date("asOf"), btcPrice: try e.double("btcPrice"),
                             horizonDays: horizon, others: others, rows: rows, ladder: ladder)
    }

    static func levels(_ e: XMLElement) throws(InputError) -> [Double] {
        var values: [Double] = []
        for key in ["p05", "p25", "p50", "p75", "p95"] { values.append(try e.double(key)) }
        return values
    }

    static func decodeProbabilityMap(_ e: XMLElement) throws(InputError) -> ProbabilityMap {
        let paths = try e.int("paths", default: 1)
        var cells: [ProbabilityCell] = []
        var multiples: [Double] = [], prices: [Double] = [], mnavs: [Double] = []
        let columns = try e.int("priceSteps", default: 1), rows = try e.int("mnavSteps", default: 1)
        // A scenario set allows at most 40 of each; anything larger is not a report this tool wrote.
        guard (1...40).contains(columns), (1...40).contains(rows) else {
            throw e.fail("priceSteps (\(columns)) and mnavSteps (\(rows)) must each be between 1 and 40")
        }
        for (k, c) in e.children.filter({ $0.name == "cell" }).enumerated() {
            let cell = ProbabilityCell(priceMultiple: try c.double("priceMultiple"), mnav: try c.double("mnav"),
                                       reachable: try c.bool("reachable", default: true), forcedSale: try c.int("forcedSale", default: 0),
                                       missedPayment: try c.int("missedPayment", default: 0), marginCall: try c.int("marginCall", default: 0))
            guard cell.forcedSale <= paths, cell.missedPayment <= paths, cell.marginCall <= paths else {
                throw c.fail("a cell counts more paths than the map's \(paths)")
            }
            if k < columns { multiples.append(cell.priceMultiple); prices.append(try c.double("btcPrice")) }
            if k % max(1, columns) == 0 { mnavs.append(cell.mnav) }
            cells.append(cell)
        }
        guard cells.count == columns * rows else { throw e.fail("\(cells.count) cells; priceSteps × mnavSteps is \(columns * rows)") }
        guard let seed = UInt64(try e.string("seed")) else { throw e.fail("seed must be a whole number") }
        return ProbabilityMap(id: try e.string("id"), name: try e.string("name"), priceModel: try ReportTermsCoding.readPriceModel(e),
                              paths: paths, seed: seed, priceMultiples: multiples, btcPrices: prices, mnavs: mnavs,
                              todayMNAV: try e.double("todayMNAV"), marginCallPossible: try e.bool("marginCallPossible", default: true),
                              cells: cells)
    }

    static func decodeMonteCarlo(_ e: XMLElement, horizon: Int) throws(InputError) -> MonteCarloResult {
        let paths = try e.int("paths", default: 0)
        var triggers: [TriggerProbability] = []
        var quantiles: [OutcomeQuantiles] = []
        var fans: [Fan] = []
        for child in e.children {
            switch child.name {
            case "probability":
                triggers.append(TriggerProbability(
                    trigger: Trigger(kind: try child.choice("kind", default: Trigger.Kind.forcedSale), ref: child.attribute("ref") ?? ""),
                    count: try child.int("count", default: 0), paths: paths))
            case "quantiles":
                quantiles.append(OutcomeQuantiles(metric: try child.string("metric"), unit: try child.string("unit"),
                                                  values: try levels(child)))
            case "fan":
                var points: [FanPoint] = []
                for p in child.children { points.append(FanPoint(day: try day(p, "day", horizon: horizon), values: try levels(p))) }
                fans.append(Fan(metric: try child.string("metric"), points: points))
            default: break
            }
        }
        guard let seed = UInt64(try e.string("seed")) else { throw e.fail("seed must be a whole number") }
        return MonteCarloResult(id: try e.string("id"), name: try e.string("name"), priceModel: try ReportTermsCoding.readPriceModel(e),
                                paths: paths, seed: seed, triggers: triggers,
                                quantiles: quantiles, fans: fans)
    }

    /// A day attribute, which must fall within the report's horizon (dates are computed from it).
    static func day(_ e: XMLElement, _ name: String, horizon: Int) throws(InputError) -> Int {
        let value = try e.int(name, default: 0)
        guard (0...horizon).contains(value) else { throw e.fail("\(name) (\(value)) must be between 0 and horizonDays (\(horizon))") }
        return value
    }

    /// One `eventType` element: a scenario's `<event>` or a rung's `<driver>`.
    static func decodeEvent(_ x: XMLElement, horizon: Int) throws(InputError) -> SimulationEvent {
        SimulationEvent(
            day: try day(x, "day", horizon: horizon),
            kind: try x.choice("kind", default: SimulationEvent.Kind.missedPayment),
            ref: x.attribute("ref") ?? "", amountUSD: try x.double("amountUSD", default: 0),
            btc: try x.double("btc", default: 0), shares: try x.double("shares", default: 0),
            btcPrice: try x.double("btcPrice"), detail: try EventDetailCoding.read(x))
    }

    static func decodeScenario(_ e: XMLElement, horizon: Int) throws(InputError) -> ScenarioReport {
        var peaks: [LoanPeak] = []
        var coverage: [CoverageRow] = []
        var series: [DailyState] = []
        var events: [SimulationEvent] = []
        var closedMarkets: SurvivalPeriod?
        var advice: SettlementAdvice?
        for child in e.children {
            switch child.name {
            case "settlementAdvice":
                var elections: [SettlementAdvice.NoteElection] = []
                for note in child.children where note.name == "note" {
                    elections.append(.init(note: try note.string("id"), election: try note.choice("election", default: SettlementElection.stock),
                                           own: try note.choice("own", default: SettlementElection.stock)))
                }
                advice = SettlementAdvice(
                    elections: elections, btcSold: try child.double("btcSold"), dilution: try child.double("dilution"),
                    defaulted: try child.bool("defaulted", default: false), ownBTCSold: try child.double("ownBTCSold"),
                    ownDilution: try child.double("ownDilution"), ownDefaulted: try child.bool("ownDefaulted", default: false),
                    exhaustive: try child.bool("exhaustive", default: true))
            case "closedMarkets":
                closedMarkets = SurvivalPeriod(
                    firstDefaultDay: child.attribute("firstDefaultDay") == nil ? nil : try day(child, "firstDefaultDay", horizon: horizon),
                    missed: try child.child("missed").map { (x: XMLElement) throws(InputError) -> SimulationEvent in
                        try decodeEvent(x, horizon: horizon)
                    }, btcSold: try child.double("btcSold"))
            case "peakLTV":
                peaks.append(LoanPeak(ref: try child.string("ref"), peakLTV: try child.double("value")))
            case "coverage":
                coverage.append(CoverageRow(ref: try child.string("ref"), start: try child.optionalDouble("start"),
                                            worst: try child.optionalDouble("worst")))
            case "series":
                for p in child.children {
                    var state = DailyState(
                        day: try day(p, "day", horizon: horizon), btcPrice: try p.double("btcPrice"),
                        btcHeld: try p.double("btcHeld"), maxLTV: try p.double("maxLTV"),
                        liquidityUSD: try p.double("liquidityUSD"), leverage: try p.double("leverage"),
                        mnav: try p.double("mnav"), sharePrice: try p.double("sharePrice"), shares: try p.double("shares"))
                    state.exogenousBTCPrice = try p.optionalDouble("exogenousBTCPrice")
                    series.append(state)
                }
            case "events":
                for x in child.children { events.append(try decodeEvent(x, horizon: horizon)) }
            default: break
            }
        }
        var report = ScenarioReport(
            id: try e.string("id"), name: try e.string("name"), kind: try e.string("kind"),
            status: try e.choice("status", default: ScenarioReport.Status.defaulted),
            minBTCPrice: try e.double("minBTCPrice"), endBTCPrice: try e.double("endBTCPrice"),
            firstForcedSaleDay: e.attribute("firstForcedSaleDay") == nil ? nil : try day(e, "firstForcedSaleDay", horizon: horizon),
            firstForcedSalePrice: try e.optionalDouble("firstForcedSalePrice"),
            firstDefaultDay: e.attribute("firstDefaultDay") == nil ? nil : try day(e, "firstDefaultDay", horizon: horizon), btcSold: try e.double("btcSold"),
            btcHeldStart: try e.double("btcHeldStart"), btcHeldEnd: try e.double("btcHeldEnd"),
            sharesStart: try e.double("sharesStart"), sharesEnd: try e.double("sharesEnd"),
            minLiquidityUSD: try e.double("minLiquidityUSD"), minLiquidityDay: try day(e, "minLiquidityDay", horizon: horizon),
            peakLeverage: try e.double("peakLeverage"), deferredDividendsUSD: try e.double("deferredDividendsUSD"),
            unpaidUSD: try e.double("unpaidUSD"), worstDay: try day(e, "worstDay", horizon: horizon), peakLTV: peaks,
            coverage: coverage, series: series, events: events)
        if e.attribute("replayFrom") != nil && e.attribute("replayTo") != nil {
            report.replayWindow = (try e.date("replayFrom"), try e.date("replayTo"))
        }
        report.closedMarkets = closedMarkets
        report.settlementAdvice = advice
        return report
    }
}
