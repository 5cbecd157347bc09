import Foundation
import StressResults
import TreasuryModel

/// Turns a `StressReport` into the ready-formatted strings the HTML templates show: the
/// executive summary, tables, charts and the event timeline. No finance is computed here; only
/// what the report holds is selected, worded and formatted.
enum BoardReportViewModel {
    /// Routine payment events, shown as counts rather than one line each.
    static let routineKinds: Set<SimulationEvent.Kind> = [.couponPaid, .interestPaid, .dividendPaid, .operatingCashFlow]
    /// Most timeline lines per scenario.
    static let maxTimelineEvents = 60

    /// "If the others sell too": the treasury's rows in a systemic run, alone against with the others.
    static func systemSection(_ section: SystemSection, treasuryName: String) -> [String: Any] {
        func date(_ day: Int?) -> String { day.map { section.asOf.adding(days: $0).description } ?? "none" }
        let rows: [[String: Any]] = section.rows.map { row in
            let caused = row.caused.map { c in
                SystemViewModel.causedWords(c.trigger, on: date(c.day), after: c.precededBy.map { ($0.name, $0.usd) })
            }
            return [
                "name": row.scenarioName,
                "amplification": row.amplification.map { String(format: "%.2f×", $0) } ?? "—",
                "sold": DisplayFormat.btc(row.btcSold), "soldAlone": DisplayFormat.btc(row.btcSoldAlone),
                "sale": date(row.firstForcedSaleDay), "saleAlone": date(row.firstForcedSaleDayAlone),
                "miss": date(row.firstDefaultDay), "missAlone": date(row.firstDefaultDayAlone),
                "caused": caused.isEmpty ? "none" : caused.joined(separator: "; "),
                "css": caused.isEmpty ? "" : "bad",
            ]
        }
        let causedCount = section.rows.reduce(0) { $0 + $1.caused.count }
        return [
            "intro": "The treasury run with \(DriverWording.list(section.others.map(BidiIsolation.isolate))) on one BTC price "
                + "(system \(BidiIsolation.isolate(section.systemName)), everyone valued at \(DisplayFormat.price(section.btcPrice)) on \(section.asOf)): "
                + "each scenario with everyone's selling, the leveraged longs' liquidations and ETF outflows moving the price, and alone, with no sale moving it. "
                + (causedCount == 0 ? "In no scenario does the others' selling cause one of its triggers."
                    : "\(causedCount) of its triggers fire only because the others sell too."),
            "rows": rows,
            "hasLadder": !section.ladder.isEmpty,
            "ladder": SystemViewModel.ladderRows(section.ladder, asOf: section.asOf),
            "ladderIntro": SystemViewModel.ladderLines([SystemHolderLadder(name: treasuryName, rungs: section.ladder)],
                                                       asOf: section.asOf).joined(separator: " ")
                + " Each trigger's highest BTC price after an instant fall from \(DisplayFormat.price(section.btcPrice)), alone "
                + "(no sale moving the price) and with the others' selling (which takes the price to the realised low shown).",
        ]
    }

    static func build(_ report: StressReport, css: String) -> [String: Any] {
        let start = report.start
        let scenarios = report.scenarios
        let survival = survivalRows(report), advice = adviceRows(report)
        var model: [String: Any] = [
            "css": css,
            "title": "\(BidiIsolation.isolate(report.treasuryName)): BTC stress report",
            "treasuryName": report.treasuryName,
            "printFooter": printFooter(report),
            "asOf": report.asOf.description,
            "scenarioSetName": report.scenarioSetName,
            "horizonDays": String(report.horizonDays),
            "horizonYears": String(format: "%.1f", Double(report.horizonDays) / 365),
            "toolVersion": report.toolVersion,
            "inputs": report.inputs.map { ["role": $0.role, "name": $0.name, "sha256": $0.sha256] },
            "start": startRows(start),
            "summary": summary(report),
            "hasSurvival": !survival.isEmpty,
            "hasAdvice": !advice.isEmpty,
            "adviceRows": advice,
            "survivalRows": survival,
            "tiles": scenarios.map(tile),
            "ladderRows": ladderRows(report),
            "ladderChart": ladderChart(report),
            "hasLadderChart": report.ladder.contains { $0.status == .fires },
            "scenarioRows": scenarios.map { scenarioRow($0, asOf: report.asOf) },
            "hasLoans": report.instruments.contains { $0.kind == "btcLoan" },
            "instruments": report.instruments.map(instrumentRow),
            "coverageRows": coverageRows(report),
            "hasCoverage": !report.instruments.isEmpty,
            "hasSystem": report.system != nil,
            "system": report.system.map { systemSection($0, treasuryName: report.treasuryName) } ?? [:],
            "assumptions": AssumptionWording.rows(report.assumptions).map { ["key": $0.key, "value": $0.value] },
            "timelines": scenarios.map { timeline($0, asOf: report.asOf) },
        ]
        model["charts"] = charts(report)
        model["monteCarlo"] = report.monteCarlo.map { monteCarloSection($0, report: report) }
        model["hasMonteCarlo"] = !report.monteCarlo.isEmpty
        model["hasProbabilityMap"] = report.probabilityMap != nil
        model["probabilityMap"] = report.probabilityMap.map { ProbabilityMapViewModel.section($0, horizonDays: report.horizonDays,
                                                                                                atmMinMNAV: report.assumptions.atm?.minMNAV,
                                                                                                monteCarlo: report.monteCarlo) } ?? [:]
        model["legend"] = scenarios.enumerated().map { i, s in
            ["name": s.name, "color": SVGChart.palette[i % SVGChart.palette.count]]
        }
        return model
    }

    static func startRows(_ s: BalanceSnapshot) -> [[String: String]] {
        let monthsOfCharges = s.annualFixedChargesUSD > 0 ? s.liquidityUSD / (s.annualFixedChargesUSD / 12) : .infinity
        return [
            ["label": "BTC price", "value": DisplayFormat.price(s.btcPrice)],
            ["label": "BTC held (incl. fund BTC)", "value": DisplayFormat.btc(s.btcHeld)],
            ["label": "BTC NAV", "value": DisplayFormat.usd(s.navUSD)],
            ["label": "BTC per share", "value": DisplayFormat.satsPerShare(s.btcPerShare)],
            ["label": "Share price · mNAV", "value": "\(DisplayFormat.price(s.sharePrice)) · \(DisplayFormat.multiple(s.mnav))"],
            ["label": "Debt · preferred", "value": "\(DisplayFormat.usd(s.debtUSD)) · \(DisplayFormat.usd(s.preferredUSD))"],
            ["label": "Leverage (debt + pref.) / BTC NAV", "value": DisplayFormat.percent(s.leverage, decimals: 1)],
            ["label": "Liquidity (cash + reserve)", "value": DisplayFormat.usd(s.liquidityUSD)],
            ["label": "Fixed charges a year", "value": DisplayFormat.usd(s.annualFixedChargesUSD)
                + (monthsOfCharges.isFinite ? " (liquidity covers \(String(format: "%.0f", monthsOfCharges)) months)" : "")],
        ]
    }

    /// The printed pages' footer: as-of date and the first 12 hex digits of each input's SHA-256
    /// ("built-in" for the built-in set). Only dates, roles and hex digits: it goes into a CSS string.
    static func printFooter(_ report: StressReport) -> String {
        let hashes = report.inputs.map { input -> String in
            let role = input.role.filter { $0.isLetter }
            let hash = input.sha256.allSatisfy(\.isHexDigit) ? String(input.sha256.prefix(12)) : "built-in"
            return "\(role) \(hash)"
        }
        return (["as of \(report.asOf)"] + hashes).joined(separator: " · ")
    }

    /// A survival in words: "7.0 months (to 2026-04-30)" or "the whole horizon (24.0 months)".
    static func survivalWords(_ day: Int?, _ report: StressReport) -> String {
        guard let day else { return String(format: "the whole horizon (%.1f months)", Double(report.horizonDays) / 30.44) }
        let span = day < 31 ? (day == 1 ? "1 day" : "\(day) days") : String(format: "%.1f months", Double(day) / 30.44)
        return span + " (to \(report.asOf.adding(days: day)))"
    }

    /// What ran short first with markets closed: "coupon of the 2028 convertible note, $3.2M, on 2026-03-15".
    static func missedWords(_ event: SimulationEvent?, _ report: StressReport) -> String {
        guard let event else { return "" }
        let what: String
        if case .missed(let obligation) = event.detail { what = EventWording.words(obligation) } else { what = "payment" }
        let whose = report.instruments.contains { $0.id == event.ref } ? " of " + DriverWording.instrument(event.ref, in: report) : ""
        return "\(what)\(whose), \(DisplayFormat.usd(event.amountUSD)) unpaid on \(report.asOf.adding(days: event.day))"
    }

    /// The survival-period rows of the first screen: each scenario with capital markets open and
    /// closed from day 1, in the supervisors' bands (red under 6 months, amber under 24).
    static func survivalRows(_ report: StressReport) -> [[String: Any]] {
        report.scenarios.compactMap { scenario -> [String: Any]? in
            guard let closed = scenario.closedMarkets else { return nil }
            let band = SurvivalPeriod.band(days: closed.firstDefaultDay, horizonDays: report.horizonDays)
            return [
                "name": scenario.name,
                "open": survivalWords(scenario.firstDefaultDay, report),
                "closed": survivalWords(closed.firstDefaultDay, report)
                    + (closed.btcSold > 0 ? ", selling \(DisplayFormat.btc(closed.btcSold))" : ""),
                "band": band == .red ? "under 6 months" : band == .amber ? "under 24 months" : "24 months or more",
                "css": band == .red ? "bad" : band == .amber ? "warn" : "ok",
                "missed": missedWords(closed.missed, report),
            ]
        }
    }

    /// An election in board words.
    static func electionWords(_ election: SettlementElection) -> String {
        switch election {
        case .stock: return "in stock"
        case .cash: return "in cash"
        case .mixed: return "par in cash, the rest in stock"
        }
    }

    /// The advised changes in words: "the 2028 convertible note in stock (not in cash)", or "".
    static func adviceWords(_ advice: SettlementAdvice, _ report: StressReport) -> String {
        DriverWording.list(advice.elections.filter { $0.election != $0.own }.map {
            "\(DriverWording.instrument($0.note, in: report)) \(electionWords($0.election)) (not \(electionWords($0.own)))"
        })
    }

    /// The settlement advisor's rows: each scenario's advised elections against the treasury's own.
    static func adviceRows(_ report: StressReport) -> [[String: Any]] {
        report.scenarios.compactMap { scenario -> [String: Any]? in
            guard let advice = scenario.settlementAdvice else { return nil }
            let changes = adviceWords(advice, report)
            return [
                "name": scenario.name,
                "advice": changes.isEmpty ? "the treasury's own elections" : "settle " + changes,
                "sold": DisplayFormat.btc(advice.btcSold) + (advice.defaulted ? ", a payment missed" : ""),
                "ownSold": DisplayFormat.btc(advice.ownBTCSold) + (advice.ownDefaulted ? ", a payment missed" : ""),
                "dilution": DisplayFormat.signedPercent(advice.dilution), "ownDilution": DisplayFormat.signedPercent(advice.ownDilution),
                "css": advice.changesAnything ? "warn" : "",
            ]
        }
    }

    /// The summary line of the settlement advisor: where another election saves the most BTC.
    static func adviceLine(_ report: StressReport) -> String? {
        let advised = report.scenarios.filter { $0.settlementAdvice?.changesAnything == true }
        guard !report.scenarios.filter({ $0.settlementAdvice != nil }).isEmpty else { return nil }
        guard let best = advised.max(by: { a, b in
            let x = a.settlementAdvice.map { $0.ownBTCSold - $0.btcSold } ?? 0, y = b.settlementAdvice.map { $0.ownBTCSold - $0.btcSold } ?? 0
            return x < y
        }), let advice = best.settlementAdvice else {
            return "Settlement advisor: in every scenario the treasury's own settlement elections already sell the least BTC."
        }
        let saved = advice.ownBTCSold - advice.btcSold
        return "Settlement advisor: in \(BidiIsolation.isolate(best.name)), settling \(adviceWords(advice, report)) "
            + (saved > 0 ? "sells \(DisplayFormat.btc(saved)) less BTC" : "avoids a missed payment")
            + " (dilution \(DisplayFormat.signedPercent(advice.dilution)) against \(DisplayFormat.signedPercent(advice.ownDilution)))"
            + (advised.count > 1 ? "; another election helps in \(advised.count - 1) more scenario\(advised.count == 2 ? "" : "s")." : ".")
    }

    /// The summary line of the survival period: the shortest with markets closed and what runs short.
    static func survivalLine(_ report: StressReport) -> String? {
        let rows = report.scenarios.filter { $0.closedMarkets != nil }
        guard !rows.isEmpty else { return nil }
        let shortest = rows.min { ($0.closedMarkets?.firstDefaultDay ?? .max) < ($1.closedMarkets?.firstDefaultDay ?? .max) }
        guard let shortest, let closed = shortest.closedMarkets, let day = closed.firstDefaultDay else {
            let sold = rows.map { $0.closedMarkets?.btcSold ?? 0 }.max() ?? 0
            return "With capital markets closed from tomorrow (no equity issuance), every payment is still made over the whole horizon in every scenario"
                + (sold > 0 ? ", selling up to \(DisplayFormat.btc(sold)) to do it." : ", without selling BTC.")
        }
        let band = SurvivalPeriod.band(days: day, horizonDays: report.horizonDays)
        return "Survival period with capital markets closed from tomorrow: \(survivalWords(day, report)) in \(BidiIsolation.isolate(shortest.name)), "
            + (band == .red ? "under the 6 months liquidity supervisors ask for" : band == .amber ? "under 24 months" : "24 months or more")
            + "; what runs short first: \(missedWords(closed.missed, report))."
    }

    static func summary(_ report: StressReport) -> [String] {
        var lines: [String] = []
        let s = report.start
        lines.append("At \(DisplayFormat.price(s.btcPrice)) a BTC the treasury holds \(DisplayFormat.btc(s.btcHeld)) "
            + "(\(DisplayFormat.usd(s.navUSD))) against \(DisplayFormat.usd(s.debtUSD)) of debt and "
            + "\(DisplayFormat.usd(s.preferredUSD)) of preferred: leverage \(DisplayFormat.percent(s.leverage, decimals: 1)).")
        func rung(_ kind: Trigger.Kind) -> TriggerRung? { report.ladder.first { $0.trigger.kind == kind } }
        if let sale = rung(.forcedSale) {
            switch sale.status {
            case .fires:
                lines.append("It first has to sell BTC if BTC falls to \(DisplayFormat.price(sale.btcPrice ?? 0)) "
                    + "(\(DisplayFormat.signedPercent(sale.drawdown ?? 0)) from today) and stays there"
                    + (report.assumptions.priceImpact == nil ? "." : ", before its own selling pushes the price lower.")
                    + (DriverWording.sentence(sale, in: report).map { " " + $0 } ?? ""))
            case .always:
                lines.append("It has to sell BTC within \(report.horizonYears) years at any BTC price tested: known obligations exceed what cash, reserve and equity issuance can fund."
                    + (DriverWording.sentence(sale, in: report).map { " " + $0 } ?? ""))
            case .never:
                lines.append("It never has to sell BTC within \(report.horizonYears) years, even after a 99 % fall held flat.")
            }
        }
        if let miss = rung(.defaultEvent) {
            switch miss.status {
            case .fires:
                lines.append("It first misses a payment at \(DisplayFormat.price(miss.btcPrice ?? 0)) (\(DisplayFormat.signedPercent(miss.drawdown ?? 0)))."
                    + (DriverWording.sentence(miss, in: report).map { " " + $0 } ?? ""))
            case .always:
                lines.append("It misses a payment within the horizon at any BTC price tested.")
            case .never:
                lines.append("It misses no payment in any instant shock down to −99 %.")
            }
        }
        let loanRungs = report.ladder.filter { $0.trigger.kind == .marginCall && $0.status == .fires }
        for r in loanRungs {
            let isNote = report.instruments.contains { $0.id == r.trigger.ref && $0.kind == "convertibleNote" }
            lines.append((isNote ? "Secured note \(r.trigger.ref): collateral call" : "Loan \(r.trigger.ref): margin call")
                + " at \(DisplayFormat.price(r.btcPrice ?? 0)) (\(DisplayFormat.signedPercent(r.drawdown ?? 0))).")
        }
        for run in report.monteCarlo {
            let sale = run.triggers.first { $0.trigger.kind == .forcedSale }
            let miss = run.triggers.first { $0.trigger.kind == .defaultEvent }
            if let sale, let miss {
                lines.append("\(BidiIsolation.isolate(run.name)) (\(DisplayFormat.grouped(run.paths)) paths): a forced sale within \(report.horizonYears) years in "
                    + "\(probabilityText(sale)) of paths, a missed payment in \(probabilityText(miss)).")
            }
        }
        if let line = survivalLine(report) { lines.append(line) }
        if let line = adviceLine(report) { lines.append(line) }
        let total = report.scenarios.count
        let clean = report.scenarios.filter { $0.status == .survived }.count
        let defaulted = report.scenarios.filter { $0.status == .defaulted }.count
        let insolvent = report.scenarios.filter { $0.status == .insolvent }.count
        lines.append("\(clean) of \(total) scenarios pass with no forced sale; \(total - clean - defaulted - insolvent) need forced sales; "
            + (insolvent > 0 ? "\(insolvent) pay every obligation but end with claims above the BTC NAV (coverage below 1×); " : "")
            + "\(defaulted) end in a missed payment.")
        if let worst = report.scenarios.max(by: { ($0.btcSold, $0.dilution) < ($1.btcSold, $1.dilution) }), worst.btcSold > 0 {
            lines.append("Worst case for BTC held: \(BidiIsolation.isolate(worst.name)): sells \(DisplayFormat.btc(worst.btcSold)), BTC per share \(DisplayFormat.signedPercent(worst.btcPerShareEnd / max(worst.btcPerShareStart, 1e-300) - 1)).")
        }
        if let diluted = report.scenarios.max(by: { $0.dilution < $1.dilution }), diluted.dilution > 0.001 {
            lines.append("Most dilution: \(BidiIsolation.isolate(diluted.name)): \(DisplayFormat.signedPercent(diluted.dilution)) more shares.")
        }
        return lines + HindsightWording.notes(report)
    }

    static func probabilityText(_ p: TriggerProbability) -> String {
        let interval = p.interval
        return "\(DisplayFormat.percent(p.probability, decimals: 1)) (95 % CI \(DisplayFormat.percent(interval.low, decimals: 1))–\(DisplayFormat.percent(interval.high, decimals: 1)))"
    }

    static func monteCarloSection(_ run: MonteCarloResult, report: StressReport) -> [String: Any] {
        let probabilities: [[String: String]] = run.triggers.map { p in
            let interval = p.interval
            return ["trigger": TriggerWording.name(p.trigger), "probability": DisplayFormat.percent(p.probability, decimals: 1),
                    "interval": "\(DisplayFormat.percent(interval.low, decimals: 1)) – \(DisplayFormat.percent(interval.high, decimals: 1))",
                    "count": "\(DisplayFormat.grouped(p.count)) of \(DisplayFormat.grouped(p.paths))",
                    "css": p.probability >= 0.05 ? (p.trigger.kind == .defaultEvent || p.trigger.kind == .liquidation ? "bad" : "warn") : ""]
        }
        let labels = ["btcSold": "BTC sold", "dilution": "Dilution (new shares / start)", "btcPerShareEnd": "BTC per share at the end",
                      "minLiquidityUSD": "Lowest liquidity", "daysToFirstForcedSale": "Days to the first forced sale"]
        let quantiles: [[String: Any]] = run.quantiles.map { q in
            let format: (Double) -> String
            switch q.metric {
            case "btcSold": format = { DisplayFormat.btc($0) }
            case "dilution": format = { DisplayFormat.signedPercent($0) }
            case "btcPerShareEnd": format = DisplayFormat.satsPerShare
            case "minLiquidityUSD": format = DisplayFormat.usd
            default: format = { $0 > Double(report.horizonDays) ? "none" : DisplayFormat.grouped($0) }
            }
            return ["metric": labels[q.metric] ?? q.metric, "values": q.values.map { ["value": format($0)] }]
        }
        var fans: [[String: String]] = []
        let xLabel = "days after \(report.asOf)"
        for fan in run.fans {
            let points = fan.points.map { (day: Double($0.day), values: $0.values) }
            switch fan.metric {
            case "btcPrice":
                fans.append(["svg": SVGChart.fan(points, title: "BTC price: median, 25–75 % and 5–95 % of paths",
                                                 xLabel: xLabel, yFormat: DisplayFormat.usd, yMin: 0)])
            case "btcHeld":
                fans.append(["svg": SVGChart.fan(points, title: "BTC held: median, 25–75 % and 5–95 % of paths",
                                                 xLabel: xLabel, yFormat: { DisplayFormat.btc($0) }, yMin: 0)])
            case "maxLTV" where report.instruments.contains { $0.kind == "btcLoan" }:
                fans.append(["svg": SVGChart.fan(points, title: "Highest loan LTV: median, 25–75 % and 5–95 % of paths",
                                                 xLabel: xLabel, yFormat: { DisplayFormat.percent($0) }, yMin: 0)])
            default: break
            }
        }
        return ["name": run.name, "paths": DisplayFormat.grouped(run.paths), "seed": String(run.seed), "model": run.model,
                "parameters": AssumptionWording.parameters(run.priceModel).map { ["key": $0.key, "value": $0.value] },
                "probabilities": probabilities, "quantiles": quantiles, "fans": fans]
    }

    static func statusWord(_ status: ScenarioReport.Status) -> (word: String, css: String) {
        switch status {
        case .survived: return ("No forced sale", "ok")
        case .forcedSales: return ("Forced sales", "warn")
        case .insolvent: return ("Insolvent on BTC NAV", "insolvent")
        case .defaulted: return ("Missed payment", "bad")
        }
    }

    static func tile(_ s: ScenarioReport) -> [String: String] {
        let status = statusWord(s.status)
        var detail = "BTC low \(DisplayFormat.price(s.minBTCPrice))"
        if s.btcSold > 0 { detail += " · sells \(DisplayFormat.btc(s.btcSold))" }
        if s.dilution > 0.001 { detail += " · dilution \(DisplayFormat.signedPercent(s.dilution))" }
        if s.status == .insolvent, let lowest = s.coverage.filter({ $0.worst != nil }).min(by: { ($0.worst ?? 0) < ($1.worst ?? 0) }),
           let worst = lowest.worst {
            detail += " · \(lowest.ref) coverage \(String(format: "%.2f", worst))× at worst"
        }
        return ["name": s.name, "status": status.word, "css": status.css, "detail": detail]
    }

    static func ladderRows(_ report: StressReport) -> [[String: Any]] {
        report.ladder.map { rung in
            let price: String, move: String
            switch rung.status {
            case .fires:
                price = DisplayFormat.price(rung.btcPrice ?? 0)
                move = DisplayFormat.signedPercent(rung.drawdown ?? 0)
            case .always:
                price = "any price"
                move = "fires even at +200 %"
            case .never:
                price = "never"
                move = "not even at −99 %"
            }
            let severe = rung.trigger.kind == .liquidation || rung.trigger.kind == .defaultEvent || rung.trigger.kind == .forcedSale
            return ["trigger": TriggerWording.name(rung.trigger), "price": price, "move": move,
                    "css": rung.status == .never ? "muted" : (severe ? "bad" : "warn"),
                    "driver": DriverWording.sentence(rung, in: report) ?? "",
                    "hasMonotonicNote": !rung.monotonic,
                    "monotonicNote": rung.monotonic ? "" : "Not monotonic: fires at some higher prices but not at some lower ones; read the scenario table."]
        }
    }

    static func ladderChart(_ report: StressReport) -> String {
        let rungs = report.ladder.filter { $0.status == .fires }.sorted { ($0.btcPrice ?? 0) > ($1.btcPrice ?? 0) }
            .map { (label: TriggerWording.name($0.trigger), price: $0.btcPrice ?? 0,
                    severe: $0.trigger.kind == .liquidation || $0.trigger.kind == .defaultEvent || $0.trigger.kind == .forcedSale) }
        return SVGChart.ladder(rungs, currentPrice: report.start.btcPrice)
    }

    static func scenarioRow(_ s: ScenarioReport, asOf: CalendarDate) -> [String: String] {
        let status = statusWord(s.status)
        let sale = s.firstForcedSaleDay.map { "\(asOf.adding(days: $0)) at \(DisplayFormat.price(s.firstForcedSalePrice ?? 0))" } ?? "none"
        let miss = s.firstDefaultDay.map { asOf.adding(days: $0).description } ?? "none"
        let peak = s.peakLTV.map { "\($0.ref) \(DisplayFormat.percent($0.peakLTV))" }.joined(separator: ", ")
        return [
            "name": s.name, "status": status.word, "css": status.css,
            "minPrice": DisplayFormat.price(s.minBTCPrice), "endPrice": DisplayFormat.price(s.endBTCPrice),
            "firstSale": sale, "firstDefault": miss, "btcSold": s.btcSold > 0 ? DisplayFormat.btc(s.btcSold) : "0",
            "btcPerShare": "\(DisplayFormat.satsPerShare(s.btcPerShareEnd)) (\(DisplayFormat.signedPercent(s.btcPerShareEnd / max(s.btcPerShareStart, 1e-300) - 1)))",
            "dilution": DisplayFormat.signedPercent(s.dilution),
            "minLiquidity": "\(DisplayFormat.usd(s.minLiquidityUSD)) (\(asOf.adding(days: s.minLiquidityDay)))",
            "peakLTV": peak.isEmpty ? "—" : peak,
            "peakLeverage": DisplayFormat.percent(s.peakLeverage),
            "deferred": s.deferredDividendsUSD > 0.5 ? DisplayFormat.usd(s.deferredDividendsUSD) : "—",
        ]
    }

    static func instrumentRow(_ i: InstrumentSummary) -> [String: String] {
        let kind = ["convertibleNote": "Convertible note", "btcLoan": "BTC-backed loan", "preferred": "Preferred"][i.kind] ?? i.kind
        return ["id": i.id, "kind": kind, "seniority": String(i.seniority), "notional": DisplayFormat.usd(i.notionalUSD),
                "rate": DisplayFormat.percent(i.rate, decimals: 3), "maturity": i.maturity?.description ?? "perpetual",
                "terms": AssumptionWording.terms(i.terms), "coverage": DisplayFormat.multiple(i.coverage)]
    }

    /// Coverage by seniority: at the start and at the worst point of each scenario (the lowest one named).
    static func coverageRows(_ report: StressReport) -> [[String: String]] {
        report.instruments.map { instrument in
            var worst: (value: Double, scenario: String)?
            for s in report.scenarios {
                guard let row = s.coverage.first(where: { $0.ref == instrument.id }), let value = row.worst else { continue }
                if let current = worst, current.value <= value { continue }
                worst = (value, s.name)
            }
            return ["id": instrument.id, "seniority": String(instrument.seniority),
                    "start": DisplayFormat.multiple(instrument.coverage),
                    "worst": worst.map { DisplayFormat.multiple($0.value) } ?? "—",
                    "worstScenario": worst?.scenario ?? "",
                    "css": (worst?.value ?? 10) < 1 ? "bad" : ((worst?.value ?? 10) < 2 ? "warn" : "")]
        }
    }

    static func charts(_ report: StressReport) -> [[String: String]] {
        let colors = report.scenarios.indices.map { SVGChart.palette[$0 % SVGChart.palette.count] }
        func series(_ value: (DailyState) -> Double) -> [SVGChart.Series] {
            report.scenarios.enumerated().map { i, s in
                SVGChart.Series(name: s.name, points: ChartSampling.sampled(s.series).map { (Double($0.day), value($0)) }, color: colors[i])
            }
        }
        var charts: [[String: String]] = []
        // With price impact, each scenario's own path (before our selling) is drawn dashed beside
        // the realised price, where the two differ.
        let moved = report.scenarios.enumerated().filter { _, s in
            s.series.contains { point in point.exogenousBTCPrice.map { $0 != point.btcPrice } ?? false }
        }
        var prices = series(\.btcPrice)
        for (i, s) in moved {
            prices.append(SVGChart.Series(
                name: s.name + " (before our own selling)",
                points: ChartSampling.sampled(s.series).map { (Double($0.day), $0.exogenousBTCPrice ?? $0.btcPrice) },
                color: colors[i], dashed: true))
        }
        charts.append(["svg": SVGChart.lines(prices, title: moved.isEmpty ? "BTC price by scenario (USD)"
                                                : "BTC price by scenario (USD); dashed: before our own selling",
                                             xLabel: "days after \(report.asOf)", yFormat: DisplayFormat.usd, yMin: 0)])
        charts.append(["svg": SVGChart.lines(series(\.btcHeld), title: "BTC held by scenario (incl. fund BTC)",
                                             xLabel: "days after \(report.asOf)", yFormat: { DisplayFormat.btc($0) }, yMin: 0)])
        if report.instruments.contains(where: { $0.kind == "btcLoan" }) {
            charts.append(["svg": SVGChart.lines(series(\.maxLTV), title: "Highest loan LTV by scenario",
                                                 xLabel: "days after \(report.asOf)",
                                                 yFormat: { DisplayFormat.percent($0) }, yMin: 0)])
        }
        charts.append(["svg": SVGChart.lines(series(\.liquidityUSD), title: "Liquidity (cash + reserve) by scenario",
                                             xLabel: "days after \(report.asOf)", yFormat: DisplayFormat.usd, yMin: 0)])
        if !report.maturityWall.isEmpty {
            let years = report.maturityWall.map { (label: String($0.year), parts: [$0.principalUSD, $0.interestUSD, $0.dividendsUSD]) }
            charts.append(["svg": SVGChart.maturityWall(years, partNames: ["Principal (puts, maturities)", "Coupons and interest", "Preferred dividends"],
                                                        title: "Debt and dividend maturity wall (contractual, USD)")])
        }
        return charts
    }

    static func timeline(_ s: ScenarioReport, asOf: CalendarDate) -> [String: Any] {
        var counts: [SimulationEvent.Kind: (Int, Double)] = [:]
        var lines: [[String: String]] = []
        var hidden = 0
        var covenantFlips: [String: Int] = [:]
        for event in s.events {
            if routineKinds.contains(event.kind) && !EventWording.soldBitcoin(event) {
                let c = counts[event.kind] ?? (0, 0)
                counts[event.kind] = (c.0 + 1, c.1 + event.amountUSD)
                continue
            }
            // A metric hovering at its limit breaches and cures day after day: show the first
            // breach, count the rest.
            if event.kind == .covenantBreach || event.kind == .covenantCured {
                let seen = covenantFlips[event.ref]
                covenantFlips[event.ref, default: 0] += 1
                if seen != nil { continue }
            }
            if lines.count >= maxTimelineEvents { hidden += 1; continue }
            var amount: [String] = []
            if event.amountUSD > 0.5 { amount.append(DisplayFormat.usd(event.amountUSD)) }
            if event.btc > 1e-8 { amount.append(DisplayFormat.btc(event.btc)) }
            if event.shares > 0.5 { amount.append("\(DisplayFormat.shares(event.shares)) shares") }
            lines.append(["date": asOf.adding(days: event.day).description, "kind": EventWording.kindName(event.kind),
                          "ref": event.ref, "amount": amount.joined(separator: " · "), "detail": EventWording.detail(event),
                          "price": DisplayFormat.price(event.btcPrice), "css": event.kind.isSevere ? "bad" : ""])
        }
        let flapping = covenantFlips.filter { $0.value > 1 }.sorted { $0.key < $1.key }
            .map { "covenant \($0.key) changed state \($0.value) times" }.joined(separator: "; ")
        let routine = [SimulationEvent.Kind.couponPaid, .interestPaid, .dividendPaid, .operatingCashFlow].compactMap { kind -> String? in
            guard let c = counts[kind] else { return nil }
            return "\(c.0) × \(EventWording.kindName(kind)) (\(DisplayFormat.usd(c.1)))"
        }.joined(separator: "; ")
        return ["name": s.name, "events": lines, "hasEvents": !lines.isEmpty, "routine": routine, "flapping": flapping,
                "hasRoutine": !routine.isEmpty, "hasFlapping": !flapping.isEmpty, "hasHidden": hidden > 0,
                "hidden": hidden > 0 ? "… and \(hidden) more events in the report XML." : ""]
    }
}

extension StressReport {
    var horizonYears: String { String(format: "%.1f", Double(horizonDays) / 365) }
}
