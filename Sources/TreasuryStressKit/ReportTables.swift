import CSV
import Foundation
public import StressResults
public import TreasuryModel

/// The report's tables as CSV (RFC 4180: CRLF line ends, fields quoted where they hold a comma,
/// a quote or a line end), one file per table, for spreadsheets and risk systems (DESIGN §8).
/// Numbers are plain decimals in the unit their column names (`_usd`, `_btc`, `_fraction`,
/// `_ratio`), dates ISO 8601, identifiers as in the inputs: data, not board wording.
public enum ReportTables {
    /// One table: its file suffix, header row and data rows.
    public struct Table: Sendable {
        /// The file suffix: `<treasury>-<name>.csv`.
        public var name: String
        /// Column names, with their units.
        public var header: [String]
        /// One array of fields per record, in header order.
        public var rows: [[String]]
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.10g", value)
    }

    /// Every table of `report`: scenarios, ladder, Monte Carlo probabilities and quantiles,
    /// events and coverage.
    public static func tables(_ report: StressReport) -> [Table] {
        let n = number
        func date(_ day: Int?) -> String { day.map { report.asOf.adding(days: $0).description } ?? "" }
        let scenarios = Table(
            name: "scenarios",
            header: ["scenario_id", "scenario_name", "kind", "status", "replay_from", "replay_to", "min_btc_price_usd",
                     "end_btc_price_usd", "first_forced_sale_date", "first_forced_sale_btc_price_usd", "first_missed_payment_date",
                     "btc_sold_btc", "btc_held_start_btc", "btc_held_end_btc", "shares_start", "shares_end", "dilution_fraction",
                     "min_liquidity_usd", "min_liquidity_date", "peak_leverage_ratio", "deferred_dividends_usd", "unpaid_usd",
                     "markets_closed_first_missed_payment_date"],
            rows: report.scenarios.map { s in
                [s.id, s.name, s.kind, s.status.rawValue, s.replayWindow?.from.description ?? "", s.replayWindow?.to.description ?? "",
                 n(s.minBTCPrice), n(s.endBTCPrice), date(s.firstForcedSaleDay), n(s.firstForcedSalePrice), date(s.firstDefaultDay),
                 n(s.btcSold), n(s.btcHeldStart), n(s.btcHeldEnd), n(s.sharesStart), n(s.sharesEnd), n(s.dilution),
                 n(s.minLiquidityUSD), date(s.minLiquidityDay), n(s.peakLeverage), n(s.deferredDividendsUSD), n(s.unpaidUSD),
                 date(s.closedMarkets?.firstDefaultDay)]
            })
        let ladder = Table(
            name: "ladder",
            header: ["trigger_kind", "trigger_ref", "status", "btc_price_usd", "move_from_today_fraction", "monotonic",
                     "driver_date", "driver_event", "driver_ref", "driver_amount_usd", "driver_from_btc_usd"],
            rows: report.ladder.map { r in
                [r.trigger.kind.rawValue, r.trigger.ref, r.status.rawValue, n(r.btcPrice), n(r.drawdown), r.monotonic ? "true" : "false",
                 date(r.driver?.day), r.driver?.kind.rawValue ?? "", r.driver?.ref ?? "", n(r.driver?.amountUSD),
                 n(r.driver?.detail.funding?.fromBTC)]
            })
        let probabilities = Table(
            name: "montecarlo-probabilities",
            header: ["run_id", "model", "trigger_kind", "trigger_ref", "probability_fraction", "ci95_low_fraction",
                     "ci95_high_fraction", "paths_fired", "paths"],
            rows: report.monteCarlo.flatMap { run in
                run.triggers.map { t in
                    [run.id, run.model, t.trigger.kind.rawValue, t.trigger.ref, n(t.probability), n(t.interval.low),
                     n(t.interval.high), String(t.count), String(t.paths)]
                }
            })
        let quantiles = Table(
            name: "montecarlo-quantiles",
            header: ["run_id", "metric", "unit", "p05", "p25", "p50", "p75", "p95"],
            rows: report.monteCarlo.flatMap { run in
                run.quantiles.map { q in [run.id, q.metric, q.unit] + q.values.map { n($0) } }
            })
        let events = Table(
            name: "events",
            header: ["scenario_id", "date", "day", "kind", "ref", "amount_usd", "btc", "shares", "btc_price_usd",
                     "from_prefunded_usd", "from_cash_usd", "from_reserve_usd", "from_atm_usd", "from_funds_usd", "from_btc_usd",
                     "btc_sold_for_funding_btc"],
            rows: report.scenarios.flatMap { s in
                s.events.map { e in
                    let f = e.detail.funding
                    return [s.id, date(e.day), String(e.day), e.kind.rawValue, e.ref, n(e.amountUSD), n(e.btc), n(e.shares),
                            n(e.btcPrice), n(f?.fromPrefunded), n(f?.fromCash), n(f?.fromReserve), n(f?.fromATM),
                            n(f?.fromFunds), n(f?.fromBTC), n(f?.btcSold)]
                }
            })
        let coverage = Table(
            name: "coverage",
            header: ["instrument_id", "instrument_kind", "seniority", "notional_usd", "scenario_id", "coverage_today_ratio",
                     "coverage_worst_ratio"],
            rows: report.instruments.flatMap { i in
                report.scenarios.map { s in
                    let row = s.coverage.first { $0.ref == i.id }
                    return [i.id, i.kind, String(i.seniority), n(i.notionalUSD), s.id, n(row?.start), n(row?.worst)]
                }
            })
        var tables = [scenarios, ladder, probabilities, quantiles, events, coverage]
        if let map = report.probabilityMap {
            let paths = Double(max(1, map.paths))
            tables.append(Table(
                name: "probability-map",
                header: ["map_id", "model", "btc_price_usd", "btc_price_multiple", "mnav", "today_cell", "reachable", "paths",
                         "forced_sale_fraction", "missed_payment_fraction", "margin_call_fraction"],
                rows: map.cells.enumerated().map { k, cell in
                    let column = k % max(1, map.priceMultiples.count), row = k / max(1, map.priceMultiples.count)
                    let today = map.todayCell.map { $0.row == row && $0.column == column } ?? false
                    return [map.id, map.priceModel.kind, n(map.btcPrices.indices.contains(column) ? map.btcPrices[column] : nil),
                            n(cell.priceMultiple), n(cell.mnav), today ? "true" : "false", cell.reachable ? "true" : "false",
                            String(map.paths), cell.reachable ? n(Double(cell.forcedSale) / paths) : "",
                            cell.reachable ? n(Double(cell.missedPayment) / paths) : "",
                            cell.reachable && map.marginCallPossible ? n(Double(cell.marginCall) / paths) : ""]
                }))
        }
        return tables
    }

    /// A comparison's tables: each structure's scenarios, ladder and Monte Carlo probabilities,
    /// one row per structure and item, the base structure first.
    public static func tables(_ comparison: StructureComparison) -> [Table] {
        let n = number
        let scenarios = Table(
            name: "scenarios",
            header: ["structure_id", "structure_name", "scenario_id", "scenario_name", "status", "btc_sold_btc",
                     "dilution_fraction", "btc_per_share_change_fraction", "min_liquidity_usd", "first_forced_sale_btc_price_usd",
                     "unpaid_usd"],
            rows: comparison.structures.flatMap { structure in
                structure.report.scenarios.map { s in
                    [structure.id, structure.name, s.id, s.name, s.status.rawValue, n(s.btcSold), n(s.dilution),
                     n(s.btcPerShareStart > 0 ? s.btcPerShareEnd / s.btcPerShareStart - 1 : 0), n(s.minLiquidityUSD),
                     n(s.firstForcedSalePrice), n(s.unpaidUSD)]
                }
            })
        let ladder = Table(
            name: "ladder",
            header: ["structure_id", "structure_name", "trigger_kind", "trigger_ref", "status", "btc_price_usd",
                     "move_from_today_fraction"],
            rows: comparison.structures.flatMap { structure in
                structure.report.ladder.map { r in
                    [structure.id, structure.name, r.trigger.kind.rawValue, r.trigger.ref, r.status.rawValue, n(r.btcPrice), n(r.drawdown)]
                }
            })
        let probabilities = Table(
            name: "montecarlo-probabilities",
            header: ["structure_id", "structure_name", "run_id", "trigger_kind", "trigger_ref", "probability_fraction",
                     "ci95_low_fraction", "ci95_high_fraction", "paths_fired", "paths"],
            rows: comparison.structures.flatMap { structure in
                structure.report.monteCarlo.flatMap { run in
                    run.triggers.map { t in
                        [structure.id, structure.name, run.id, t.trigger.kind.rawValue, t.trigger.ref, n(t.probability),
                         n(t.interval.low), n(t.interval.high), String(t.count), String(t.paths)]
                    }
                }
            })
        return [scenarios, ladder, probabilities]
    }

    /// A systemic run's tables: each scenario's amplification and sales by source, each day's
    /// prices and sales, each holder's outcome with and without the feedback, each holder's ladder
    /// in the system, and the Monte Carlo probabilities.
    public static func tables(_ system: MarketSystem, results: [SystemScenarioResult], ladders: [SystemHolderLadder],
                              monteCarlo: [SystemMonteCarloResult]) -> [Table] {
        let n = number
        func date(_ day: Int?) -> String { day.map { system.asOf.adding(days: $0).description } ?? "" }
        let scenarios = Table(
            name: "scenarios",
            header: ["scenario_id", "scenario_name", "exogenous_worst_drawdown_fraction", "realised_worst_drawdown_fraction",
                     "amplification_ratio", "leveraged_sales_usd", "liquidation_rounds", "fund_outflow_usd", "holder_sales_usd"],
            rows: results.map { r in
                [r.scenarioID, r.scenarioName, n(r.exogenousWorstDrawdown), n(r.realisedWorstDrawdown), n(r.amplification),
                 n(r.days.reduce(0) { $0 + $1.leveragedSalesUSD }), String(r.days.reduce(0) { $0 + $1.rounds }),
                 n(r.days.reduce(0) { $0 + $1.fundOutflowUSD }), n(r.days.reduce(0) { $0 + $1.holderSalesUSD.reduce(0, +) })]
            })
        let days = Table(
            name: "days",
            header: ["scenario_id", "date", "exogenous_btc_price_usd", "btc_price_usd", "liquidation_rounds", "leveraged_sales_usd",
                     "fund_outflow_usd"] + system.holders.map { "sales_usd: " + $0.name },
            rows: results.flatMap { r in
                r.days.map { d in
                    [r.scenarioID, date(d.day), n(d.exogenousPrice), n(d.price), String(d.rounds), n(d.leveragedSalesUSD),
                     n(d.fundOutflowUSD)] + d.holderSalesUSD.map(n)
                }
            })
        let holders = Table(
            name: "holders",
            header: ["scenario_id", "holder", "btc_sold_btc", "btc_sold_without_feedback_btc", "first_forced_sale_date",
                     "first_forced_sale_without_feedback_date", "first_missed_payment_date", "first_missed_payment_without_feedback_date",
                     "caused_by_spiral"],
            rows: results.flatMap { r in
                r.holders.map { h in
                    [r.scenarioID, h.name, n(h.outcome.btcSold), n(h.counterfactual.btcSold), date(h.outcome.firstForcedSale?.day),
                     date(h.counterfactual.firstForcedSale?.day), date(h.outcome.firstDefaultDay), date(h.counterfactual.firstDefaultDay),
                     h.causedBySpiral.map { "\($0.trigger) \(date($0.day))" }.joined(separator: "; ")]
                }
            })
        let ladder = Table(
            name: "ladder",
            header: ["holder", "trigger_kind", "trigger_ref", "status", "btc_price_usd", "realised_low_usd", "monotonic",
                     "status_without_feedback", "btc_price_without_feedback_usd", "monotonic_without_feedback",
                     "driver_date", "driver_event", "driver_ref", "driver_amount_usd"],
            rows: ladders.flatMap { l in
                l.rungs.map { r in
                    let d = r.together.driver
                    return [l.name, r.trigger.kind.rawValue, r.trigger.ref, r.together.status.rawValue, n(r.together.btcPrice),
                            n(r.realisedLow), r.together.monotonic ? "true" : "false", r.alone.status.rawValue, n(r.alone.btcPrice),
                            r.alone.monotonic ? "true" : "false", date(d?.day), d?.kind.rawValue ?? "", d?.ref ?? "", n(d?.amountUSD)]
                }
            })
        let probabilities = Table(
            name: "montecarlo-probabilities",
            header: ["run_id", "paths", "seed", "holder", "forced_sale_fraction", "forced_sale_without_feedback_fraction",
                     "missed_payment_fraction", "missed_payment_without_feedback_fraction", "caused_by_spiral_fraction"],
            rows: monteCarlo.flatMap { run in
                run.holders.map { h in
                    [run.id, String(run.paths), String(run.seed), h.name, n(h.forcedSale), n(h.forcedSaleWithoutFeedback), n(h.defaulted),
                     n(h.defaultedWithoutFeedback), n(h.causedBySpiral)]
                }
            })
        return [scenarios, days, holders, ladder, probabilities]
    }

    /// The columns of a quarter's summary figures, shared by the batch summary and the history.
    static let summaryHeader = ["status", "worst_trigger", "worst_trigger_btc_price_usd", "liquidation_btc_price_usd",
                                "forced_sale_btc_price_usd", "missed_payment_btc_price_usd", "forced_sale_probability_fraction",
                                "btc_per_share"]

    static func summaryFields(_ s: QuarterSummary?) -> [String] {
        let n = number
        return [s?.status ?? "", s?.worstTrigger ?? "", n(s?.worstTriggerPrice), n(s?.liquidationPrice), n(s?.forcedSalePrice),
                n(s?.defaultPrice), n(s?.forcedSaleProbability), n(s?.btcPerShare)]
    }

    /// A quarter's batch summary: one row per treasury × scenario set, with the previous
    /// quarter's figures where the history has them.
    public static func table(quarter: String, entries: [BatchEntry]) -> Table {
        let n = number
        return Table(
            name: "summary",
            header: ["quarter", "treasury", "scenario_set", "outcome", "as_of"] + summaryHeader
                + ["previous_quarter", "previous_liquidation_btc_price_usd", "previous_forced_sale_btc_price_usd",
                   "previous_forced_sale_probability_fraction", "previous_btc_per_share", "report", "error"],
            rows: entries.map { e in
                [quarter, e.treasury, e.scenarioSet, e.outcome.rawValue, e.asOf?.description ?? ""] + summaryFields(e.summary)
                    + [e.previous?.quarter ?? "", n(e.previous?.liquidationPrice), n(e.previous?.forcedSalePrice),
                       n(e.previous?.forcedSaleProbability), n(e.previous?.btcPerShare), e.report ?? "", e.error ?? ""]
            })
    }

    /// A treasury's quarterly trend from the history database, oldest quarter first.
    public static func table(history rows: [QuarterSummary]) -> Table {
        Table(
            name: "history",
            header: ["quarter", "treasury", "scenario_set"] + summaryHeader,
            rows: rows.map { [$0.quarter, $0.treasury, $0.scenarioSet] + summaryFields($0) })
    }

    /// `table` as RFC 4180 CSV bytes.
    public static func csv(_ table: Table) throws(ToolError) -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            try writer.write(row: table.header)
            for row in table.rows { try writer.write(row: row) }
            writer.stream.close()
        } catch {
            throw .internal("cannot write the \(table.name) table as CSV: \(error)")
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw .internal("cannot read back the \(table.name) table's CSV")
        }
        // Every record, the last included, ends with CRLF.
        return [UInt8](data) + Array("\r\n".utf8)
    }
}
