import Foundation
public import StressResults
public import TreasuryModel

/// The strings of the systemic-run page (DESIGN §6.2): amplification per scenario, the realised
/// price beside the scenario's own, sales by source, and each holder's triggers with those the
/// spiral caused named with who sold before them.
public enum SystemViewModel {
    /// A seller in board words: a holder's name, "leveraged longs" or "ETF outflows".
    public static func sourceName(_ kind: SaleSource.Kind, _ system: MarketSystem) -> String {
        switch kind {
        case .holder(let i): return system.holders.indices.contains(i) ? system.holders[i].name : "holder \(i + 1)"
        case .leveragedLongs: return "leveraged longs"
        case .fundOutflows: return "ETF outflows"
        }
    }

    /// A day number as a date after the system's as-of date.
    static func date(_ day: Int?, _ system: MarketSystem) -> String {
        day.map { system.asOf.adding(days: $0).description } ?? "none"
    }

    /// What the spiral caused for one holder, in words.
    static func caused(_ holder: SystemHolderOutcome, _ system: MarketSystem) -> [String] {
        holder.causedBySpiral.map { c in
            causedWords(c.trigger, on: date(c.day, system),
                        after: c.precededBy.map { (sourceName($0.kind, system), $0.usd) })
        }
    }

    /// "Margin call on loan-a on 2025-11-02, after sales by leveraged longs $4.5B": a trigger the
    /// others' selling caused, with the three largest sellers before it.
    static func causedWords(_ trigger: Trigger, on date: String, after sellers: [(name: String, usd: Double)]) -> String {
        let before = sellers.prefix(3).map { "\($0.name) \(DisplayFormat.usd($0.usd))" }
        return "\(TriggerWording.name(trigger)) on \(date)" + (before.isEmpty ? "" : ", after sales by " + DriverWording.list(before))
    }

    /// A rung's price in words: "$61,538", "at any price" or "never".
    static func price(_ rung: TriggerRung) -> String {
        switch rung.status {
        case .fires:
            return (rung.btcPrice.map(DisplayFormat.price) ?? "—") + (rung.monotonic ? "" : " (not monotonic)")
        case .always: return "at any price"
        case .never: return "never"
        }
    }

    /// What makes a rung fire where it does, in words: "the 2028's holder put of $1.01B due
    /// 2027-09-15", or "" for a trigger that names itself (a margin call, a covenant).
    static func driver(_ rung: TriggerRung, asOf: CalendarDate) -> String {
        guard let event = rung.driver, rung.trigger.kind == .forcedSale || rung.trigger.kind == .defaultEvent else { return "" }
        let date = asOf.adding(days: event.day).description
        if event.kind == .liquidation { return "the lender of \(event.ref) sells collateral on \(date)" }
        if event.kind == .missedPayment { return "\(DisplayFormat.usd(event.amountUSD)) of \(event.ref) unpaid on \(date)" }
        return "\(DriverWording.obligation(event)) on \(event.ref) due \(date)"
    }

    /// A rung brought forward by less than this share of its price is not moved by the spiral.
    static let negligibleShift = 0.0005

    /// Whether the spiral makes a rung fire sooner: at a higher price, or at all.
    static func moved(_ rung: SystemRung) -> Bool {
        if let forward = rung.broughtForward { return forward > negligibleShift }
        return rung.together.status == .fires && rung.alone.status == .never
    }

    /// A holder's ladder in a system as table rows: each trigger with no feedback and with
    /// everyone's selling, where that selling takes the price, and what drives it.
    public static func ladderRows(_ rungs: [SystemRung], asOf: CalendarDate) -> [[String: Any]] {
        rungs.filter { $0.together.status != .never || $0.alone.status != .never }.map { rung in
            [
                "trigger": TriggerWording.name(rung.trigger),
                "alone": price(rung.alone), "together": price(rung.together),
                "low": rung.realisedLow.map(DisplayFormat.price) ?? "—",
                "forward": rung.broughtForward.map { $0 > negligibleShift ? "+" + DisplayFormat.percent($0, decimals: 1) : "none" }
                    ?? (moved(rung) ? "fires only with the selling" : "—"),
                "driver": driver(rung.together, asOf: asOf),
                "css": moved(rung) ? "bad" : "",
            ]
        }
    }

    /// The headline sentences of a set of ladders: where the spiral starts (the highest BTC price
    /// at which a trigger fires sooner because of the selling) and, when another, the trigger it
    /// brings forward most.
    static func ladderLines(_ ladders: [SystemHolderLadder], asOf: CalendarDate) -> [String] {
        var shifted: [(name: String, rung: SystemRung)] = []
        for ladder in ladders {
            for rung in ladder.rungs where moved(rung) { shifted.append((ladder.name, rung)) }
        }
        func sentence(_ name: String, _ rung: SystemRung) -> String {
            let driven = driver(rung.together, asOf: asOf)
            let low = rung.realisedLow.map { " (the selling then takes BTC to \(DisplayFormat.price($0)))" } ?? ""
            let alone = rung.alone.status == .fires ? "against \(price(rung.alone)) with no sale moving the price"
                : "where with no sale moving the price it never fires"
            return "\(BidiIsolation.isolate(name)), \(TriggerWording.name(rung.trigger).lowercased()), at \(price(rung.together)) "
                + "with everyone's selling\(low), \(alone)" + (driven.isEmpty ? "" : " (driver: \(driven))")
        }
        let top = { (rung: SystemRung) in rung.together.btcPrice ?? 0 }
        guard let first = shifted.max(by: { top($0.rung) < top($1.rung) }) else {
            return ladders.isEmpty ? [] : ["Where the spiral starts: no holder's trigger fires at a higher BTC price because of the others' selling."]
        }
        var lines = ["Where the spiral starts: " + sentence(first.name, first.rung) + "."]
        // A trigger that fires only with the selling (no shift to measure) counts as the largest.
        let shift = { (rung: SystemRung) in rung.broughtForward ?? .infinity }
        if let most = shifted.max(by: { shift($0.rung) < shift($1.rung) }), most.name != first.name || most.rung != first.rung {
            let by = most.rung.broughtForward.map { " by \(DisplayFormat.percent($0, decimals: 1))" } ?? ""
            lines.append("Brought forward most\(by): " + sentence(most.name, most.rung) + ".")
        }
        return lines
    }

    /// The headline sentences: the most amplified scenario, what sold, and what it caused.
    public static func headline(_ system: MarketSystem, results: [SystemScenarioResult], ladders: [SystemHolderLadder] = [],
                                monteCarlo: [SystemMonteCarloResult] = []) -> [String] {
        var lines = scenarioLines(system, results: results)
        lines += ladderLines(ladders, asOf: system.asOf)
        for run in monteCarlo where run.amplification.count == 5 {
            let moved = run.holders.filter { $0.forcedSale != $0.forcedSaleWithoutFeedback || $0.defaulted != $0.defaultedWithoutFeedback }
            lines.append("\(BidiIsolation.isolate(run.name)) (\(DisplayFormat.wholeUnits(Double(run.paths))) paths shared by every holder): "
                + String(format: "median amplification %.2f× (95th percentile %.2f×)", run.amplification[2], run.amplification[4])
                + (moved.isEmpty ? "; the feedback changes no holder's probability of a forced sale or a missed payment."
                    : "; with the feedback " + DriverWording.list(moved.map {
                        "\(BidiIsolation.isolate($0.name)) sells BTC in \(DisplayFormat.percent($0.forcedSale, decimals: 1)) of paths (\(DisplayFormat.percent($0.forcedSaleWithoutFeedback, decimals: 1)) without) and misses a payment in \(DisplayFormat.percent($0.defaulted, decimals: 1)) (\(DisplayFormat.percent($0.defaultedWithoutFeedback, decimals: 1)))"
                    }) + "."))
        }
        return lines
    }

    /// The scenario sentences of the headline.
    static func scenarioLines(_ system: MarketSystem, results: [SystemScenarioResult]) -> [String] {
        var lines: [String] = []
        guard let worst = results.filter({ $0.amplification != nil }).max(by: { ($0.amplification ?? 0) < ($1.amplification ?? 0) }) else {
            return ["No scenario of the set falls below today's price, so no selling is forced."]
        }
        let holders = worst.days.reduce(0) { $0 + $1.holderSalesUSD.reduce(0, +) }
        let leveraged = worst.days.reduce(0) { $0 + $1.leveragedSalesUSD }
        let outflows = worst.days.reduce(0) { $0 + $1.fundOutflowUSD }
        let rounds = worst.days.reduce(0) { $0 + $1.rounds }
        lines.append("Most amplified: \(BidiIsolation.isolate(worst.scenarioName)). Everyone's selling deepens the worst fall from "
            + "\(DisplayFormat.percent(worst.exogenousWorstDrawdown, decimals: 1)) to \(DisplayFormat.percent(worst.realisedWorstDrawdown, decimals: 1)) "
            + String(format: "(amplification %.2f×)", worst.amplification ?? 1)
            + ": leveraged longs sold \(DisplayFormat.usd(leveraged)) in \(rounds) liquidation rounds, ETF outflows \(DisplayFormat.usd(outflows)), "
            + "the holders \(DisplayFormat.usd(holders)).")
        for holder in worst.holders where !holder.causedBySpiral.isEmpty {
            lines.append("\(BidiIsolation.isolate(holder.name)): caused by the spiral, not by the scenario alone: "
                + caused(holder, system).joined(separator: "; ") + ".")
        }
        if worst.holders.allSatisfy({ $0.causedBySpiral.isEmpty }) {
            lines.append("No holder's trigger in this scenario depends on the others' selling: each fires, or not, on the scenario alone.")
        }
        for result in results where result.scenarioID != worst.scenarioID {
            for holder in result.holders where !holder.causedBySpiral.isEmpty {
                lines.append("In \(BidiIsolation.isolate(result.scenarioName)), the spiral causes for \(BidiIsolation.isolate(holder.name)): "
                    + caused(holder, system).joined(separator: "; ") + ".")
            }
        }
        if results.allSatisfy({ $0.holders.allSatisfy { $0.causedBySpiral.isEmpty } }) {
            lines.append("In no scenario does the others' selling cause a holder's trigger.")
        }
        return lines
    }

    /// The page's view model.
    public static func build(_ system: MarketSystem, results: [SystemScenarioResult], ladders: [SystemHolderLadder] = [],
                             monteCarlo: [SystemMonteCarloResult] = [],
                             scenarioSetName: String, toolVersion: String, css: String) -> [String: Any] {
        let colors = SVGChart.palette
        var scenarios: [[String: Any]] = []
        for result in results {
            let sampled = ChartSampling.days(count: result.days.count)
            let priceChart = SVGChart.lines([
                SVGChart.Series(name: "realised", points: sampled.map { (Double($0), result.days[$0].price) }, color: colors[0]),
                SVGChart.Series(name: "the scenario's own path", points: sampled.map { (Double($0), result.days[$0].exogenousPrice) },
                                color: colors[6], dashed: true),
            ], title: "BTC price: realised (solid) and the scenario's own (dashed), USD",
               xLabel: "days after \(system.asOf)", yFormat: DisplayFormat.usd, yMin: 0)
            var salesSeries = [SVGChart.Series(name: "leveraged longs", points: sampled.map { (Double($0), result.days[$0].leveragedSalesUSD) },
                                               color: colors[1]),
                               SVGChart.Series(name: "ETF outflows", points: sampled.map { (Double($0), result.days[$0].fundOutflowUSD) },
                                               color: colors[2])]
            for (h, holder) in system.holders.enumerated() {
                salesSeries.append(SVGChart.Series(name: holder.name, points: sampled.map { (Double($0), result.days[$0].holderSalesUSD[h]) },
                                                   color: colors[(h + 3) % colors.count]))
            }
            let salesChart = SVGChart.lines(salesSeries, title: "Sales per day by source (USD at market)",
                                            xLabel: "days after \(system.asOf)", yFormat: DisplayFormat.usd, yMin: 0)
            let legend = salesSeries.map { ["name": $0.name, "color": $0.color] }
            let rows: [[String: Any]] = result.holders.map { holder in
                let caused = caused(holder, system)
                return [
                    "name": holder.name,
                    "sold": DisplayFormat.btc(holder.outcome.btcSold), "soldAlone": DisplayFormat.btc(holder.counterfactual.btcSold),
                    "sale": date(holder.outcome.firstForcedSale?.day, system), "saleAlone": date(holder.counterfactual.firstForcedSale?.day, system),
                    "miss": date(holder.outcome.firstDefaultDay, system), "missAlone": date(holder.counterfactual.firstDefaultDay, system),
                    "caused": caused.isEmpty ? "none" : caused.joined(separator: "; "),
                    "css": caused.isEmpty ? "" : "bad",
                ]
            }
            scenarios.append([
                "name": result.scenarioName,
                "exogenous": DisplayFormat.percent(result.exogenousWorstDrawdown, decimals: 1),
                "realised": DisplayFormat.percent(result.realisedWorstDrawdown, decimals: 1),
                "amplification": result.amplification.map { String(format: "%.2f×", $0) } ?? "—",
                "leveraged": DisplayFormat.usd(result.days.reduce(0) { $0 + $1.leveragedSalesUSD }),
                "outflows": DisplayFormat.usd(result.days.reduce(0) { $0 + $1.fundOutflowUSD }),
                "holders": DisplayFormat.usd(result.days.reduce(0) { $0 + $1.holderSalesUSD.reduce(0, +) }),
                "rounds": String(result.days.reduce(0) { $0 + $1.rounds }),
                "causedCount": String(result.holders.reduce(0) { $0 + $1.causedBySpiral.count }),
                "priceChart": priceChart, "salesChart": salesChart, "legend": legend, "rows": rows,
            ])
        }
        return [
            "title": "\(system.name): \(system.holders.count) holders on one BTC price",
            "asOf": system.asOf.description, "btcPrice": DisplayFormat.price(system.btcPrice),
            "horizonDays": String(system.horizonDays), "scenarioSetName": scenarioSetName, "toolVersion": toolVersion,
            "headline": headline(system, results: results, ladders: ladders, monteCarlo: monteCarlo), "scenarios": scenarios, "css": css,
            "hasLadders": !ladders.isEmpty,
            "ladders": ladders.map { ["name": $0.name, "rows": ladderRows($0.rungs, asOf: system.asOf)] },
            "holderNames": DriverWording.list(system.holders.map(\.name)),
            "volume": DisplayFormat.usd(system.btcDailyVolumeUSD),
            "bands": system.leveragedLongs.map { ["price": DisplayFormat.price($0.liquidationPrice), "notional": DisplayFormat.usd($0.notionalUSD)] },
            "hasBands": !system.leveragedLongs.isEmpty,
            "hasMonteCarlo": !monteCarlo.isEmpty,
            "monteCarlo": monteCarlo.map { run -> [String: Any] in
                [
                    "name": run.name, "paths": DisplayFormat.wholeUnits(Double(run.paths)), "seed": String(run.seed),
                    "amplification": zip(["5 %", "25 %", "median", "75 %", "95 %"], run.amplification)
                        .map { ["level": $0, "value": String(format: "%.2f×", $1)] },
                    "holders": run.holders.map { h in
                        ["name": h.name, "sale": DisplayFormat.percent(h.forcedSale, decimals: 1),
                         "saleAlone": DisplayFormat.percent(h.forcedSaleWithoutFeedback, decimals: 1),
                         "miss": DisplayFormat.percent(h.defaulted, decimals: 1),
                         "missAlone": DisplayFormat.percent(h.defaultedWithoutFeedback, decimals: 1),
                         "caused": DisplayFormat.percent(h.causedBySpiral, decimals: 1)]
                    },
                ]
            },
            // Inside a CSS string: a date and fixed words only, never a name from the input.
            "printFooter": "as of \(system.asOf) · systemic run",
        ]
    }
}
