import CSV
import Foundation
public import StressResults
import TreasuryModel

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
                     "min_liquidity_usd", "min_liquidity_date", "peak_leverage_ratio", "deferred_dividends_usd", "unpaid_usd"],
            rows: report.scenarios.map { s in
                [s.id, s.name, s.kind, s.status.rawValue, s.replayWindow?.from.description ?? "", s.replayWindow?.to.description ?? "",
                 n(s.minBTCPrice), n(s.endBTCPrice), date(s.firstForcedSaleDay), n(s.firstForcedSalePrice), date(s.firstDefaultDay),
                 n(s.btcSold), n(s.btcHeldStart), n(s.btcHeldEnd), n(s.sharesStart), n(s.sharesEnd), n(s.dilution),
                 n(s.minLiquidityUSD), date(s.minLiquidityDay), n(s.peakLeverage), n(s.deferredDividendsUSD), n(s.unpaidUSD)]
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
        return [scenarios, ladder, probabilities, quantiles, events, coverage]
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
