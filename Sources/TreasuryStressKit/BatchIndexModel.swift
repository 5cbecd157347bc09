import StressEngine
import StressReports
import TreasuryXML
import Foundation

enum StressRunVersion {
    static var value: String { StressRun.toolVersion }
}

/// The strings of the batch index page: one row per treasury × set with a status colour, the
/// worst trigger price, the change since the previous quarter and links.
enum BatchIndexModel {
    static func build(quarter: String, entries: [BatchEntry]) -> [String: Any] {
        func price(_ value: Double?) -> String {
            guard let value else { return "none" }
            return "$" + grouped(Int(value.rounded()))
        }
        func grouped(_ value: Int) -> String {
            let digits = String(abs(value))
            var out = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return (value < 0 ? "−" : "") + out
        }
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
            switch e.status {
            case "defaulted": row["css"] = "bad"; row["status"] = "Missed payment"
            case "forcedSales": row["css"] = "warn"; row["status"] = "Forced sales"
            default: row["css"] = "ok"; row["status"] = "No forced sale"
            }
            row["worstTrigger"] = (e.worstTrigger ?? "none") + (e.worstTriggerPrice.map { " at \(price($0))" } ?? "")
            var sale = price(e.forcedSalePrice)
            if let then = e.previousForcedSalePrice, let now = e.forcedSalePrice {
                sale += " (\(now >= then ? "+" : "−")\(price(abs(now - then))) vs \(e.previousQuarter ?? ""))"
            }
            row["forcedSale"] = sale
            var probability = e.forcedSaleProbability.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
            if let then = e.previousForcedSaleProbability, let now = e.forcedSaleProbability {
                probability += String(format: " (%@%.1f pt)", now >= then ? "+" : "−", abs(now - then) * 100)
            }
            row["probability"] = probability
            var perShare = e.btcPerShare.map { grouped(Int(($0 * 1e8).rounded())) + " sats" } ?? "—"
            if let then = e.previousBTCPerShare, let now = e.btcPerShare, then > 0 {
                perShare += String(format: " (%@%.1f %%)", now >= then ? "+" : "−", abs(now / then - 1) * 100)
            }
            row["btcPerShare"] = perShare
            if let report = e.report {
                row["html"] = report + ".html"
                row["xml"] = report + ".xml"
            }
            return row
        }
        let previous = entries.compactMap(\.previousQuarter).max()
        return ["title": "Quarterly stress batch \(quarter)", "toolVersion": StressRunVersion.value,
                "entryCount": String(entries.count), "failedCount": String(entries.filter { $0.outcome != .ok }.count),
                "previousQuarter": previous ?? "", "hasPrevious": previous != nil, "entries": rows]
    }
}
