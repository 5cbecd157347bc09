public import StressResults
import Foundation

/// The `history` command's text: one line per quarter and scenario set, with the change from
/// the quarter before.
public enum HistoryTable {
    /// A fixed-width table of `rows` (one treasury, sorted by set and quarter).
    public static func render(_ rows: [QuarterSummary]) -> String {
        func price(_ value: Double) -> String { DisplayFormat.price(value) }
        var lines = ["quarter   set                  status        forced sale at         P(forced sale)      BTC/share (sats)"]
        var previous: QuarterSummary?
        for row in rows {
            let same = previous?.scenarioSet == row.scenarioSet ? previous : nil
            var sale = TriggerWording.forcedSale(row)
            if let then = same?.forcedSalePrice, let now = row.forcedSalePrice {
                sale += " (\(now >= then ? "+" : "−")\(price(abs(now - then))))"
            }
            var probability = row.forcedSaleProbability.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            if let then = same?.forcedSaleProbability, let now = row.forcedSaleProbability {
                probability += String(format: " (%+.1f pt)", (now - then) * 100)
            }
            var perShare = row.btcPerShare.map { String(format: "%.0f", $0 * 1e8) } ?? "—"
            if let then = same?.btcPerShare, let now = row.btcPerShare, then > 0 {
                perShare += String(format: " (%+.1f%%)", (now / then - 1) * 100)
            }
            lines.append(row.quarter.padding(toLength: 10, withPad: " ", startingAt: 0)
                + row.scenarioSet.padding(toLength: 21, withPad: " ", startingAt: 0)
                + status(row.status).padding(toLength: 14, withPad: " ", startingAt: 0)
                + sale.padding(toLength: 23, withPad: " ", startingAt: 0)
                + probability.padding(toLength: 20, withPad: " ", startingAt: 0) + perShare)
            previous = row
        }
        return lines.joined(separator: "\n")
    }

    /// A summary's worst scenario status in words.
    static func status(_ raw: String?) -> String {
        switch raw {
        case "defaulted": return "missed payment"
        case "forcedSales": return "forced sales"
        case "insolvent": return "insolvent"
        case "survived": return "no forced sale"
        default: return raw ?? ""
        }
    }
}
