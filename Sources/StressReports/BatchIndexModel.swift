import StressResults
import Foundation

/// The strings of the batch index page: one row per treasury × set with a status colour, the
/// worst trigger price, the change since the previous quarter and links.
enum BatchIndexModel {
    static func build(quarter: String, entries: [BatchEntry]) -> [String: Any] {
        func price(_ value: Double?) -> String { value.map { "$" + DisplayFormat.grouped($0) } ?? "none" }
        let rows: [[String: String]] = entries.map { e in
            var row: [String: String] = ["treasury": e.treasury, "scenarioSet": e.scenarioSet]
            switch e.outcome {
            case .failed:
                row["css"] = "bad"; row["status"] = "input error"; row["error"] = e.error ?? ""
                return row
            case .missing:
                row["css"] = "muted"; row["status"] = "not run"
                return row
            case .ok:
                break
            }
            let current = e.summary, earlier = e.previous
            switch current?.status {
            case "defaulted": row["css"] = "bad"; row["status"] = "Missed payment"
            case "forcedSales": row["css"] = "warn"; row["status"] = "Forced sales"
            default: row["css"] = "ok"; row["status"] = "No forced sale"
            }
            row["worstTrigger"] = (current?.worstTrigger ?? "none") + (current?.worstTriggerPrice.map { " at \(price($0))" } ?? "")
            var sale = price(current?.forcedSalePrice)
            if let then = earlier?.forcedSalePrice, let now = current?.forcedSalePrice {
                sale += " (\(now >= then ? "+" : "−")\(price(abs(now - then))) vs \(earlier?.quarter ?? ""))"
            }
            row["forcedSale"] = sale
            var liquidation = current?.liquidationPrice.map { price($0) } ?? "—"
            if let then = earlier?.liquidationPrice, let now = current?.liquidationPrice {
                liquidation += " (\(now >= then ? "+" : "−")\(price(abs(now - then))))"
            }
            row["liquidation"] = liquidation
            var probability = current?.forcedSaleProbability.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
            if let then = earlier?.forcedSaleProbability, let now = current?.forcedSaleProbability {
                probability += String(format: " (%@%.1f pt)", now >= then ? "+" : "−", abs(now - then) * 100)
            }
            row["probability"] = probability
            var perShare = current?.btcPerShare.map(DisplayFormat.satsPerShare) ?? "—"
            if let then = earlier?.btcPerShare, let now = current?.btcPerShare, then > 0 {
                perShare += String(format: " (%@%.1f %%)", now >= then ? "+" : "−", abs(now / then - 1) * 100)
            }
            row["btcPerShare"] = perShare
            if let report = e.report {
                row["html"] = report + ".html"
                row["xml"] = report + ".xml"
            }
            return row
        }
        let previous = entries.compactMap(\.previous?.quarter).max()
        return ["title": "Quarterly stress batch \(quarter)", "toolVersion": ToolVersion.current,
                "entryCount": String(entries.count), "failedCount": String(entries.filter { $0.outcome != .ok }.count),
                "previousQuarter": previous ?? "", "hasPrevious": previous != nil, "entries": rows]
    }
}
