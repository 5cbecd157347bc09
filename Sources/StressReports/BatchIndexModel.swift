import StressResults
import TreasuryModel
import Foundation

/// The strings of the batch index page: one row per treasury × set with a status colour, the
/// worst trigger price, the change since the previous quarter and links.
enum BatchIndexModel {
    static func build(quarter: String, entries: [BatchEntry]) -> [String: Any] {
        func price(_ value: Double?) -> String { value.map { "$" + DisplayFormat.grouped($0) } ?? "none" }
        let rows: [[String: Any]] = entries.map { e in
            var row: [String: Any] = ["treasury": e.treasuryName ?? e.treasury, "scenarioSet": e.scenarioSetName ?? e.scenarioSet, "hasAsOfNote": false, "asOfNote": ""]
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
            let status = BoardReportViewModel.statusWord(current?.status.flatMap(ScenarioReport.Status.init(rawValue:)) ?? .survived)
            row["css"] = status.css
            row["status"] = status.word
            row["worstTrigger"] = TriggerWording.worst(current)
            if let asOf = e.asOf, let (first, last) = quarterDates(quarter), asOf < first || asOf > last {
                row["asOfNote"] = "as of \(asOf), outside \(quarter)"
                row["hasAsOfNote"] = true
            }
            var sale = TriggerWording.forcedSale(current)
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
                row["html"] = relativeLink(report + ".html")
                row["xml"] = relativeLink(report + ".xml")
            }
            return row
        }
        let previous = entries.compactMap(\.previous?.quarter).max()
        return ["title": "Quarterly stress batch \(quarter)", "toolVersion": ToolVersion.current,
                "entryCount": String(entries.count), "failedCount": String(entries.filter { $0.outcome != .ok }.count),
                "previousQuarter": previous ?? "", "hasPrevious": previous != nil, "entries": rows]
    }

    /// The first and last day of a `YYYY-Qn` quarter, or nil for another spelling.
    static func quarterDates(_ quarter: String) -> (CalendarDate, CalendarDate)? {
        let parts = quarter.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), parts[1].count == 2, parts[1].first == "Q",
              let q = Int(parts[1].dropFirst()), (1...4).contains(q),
              let first = CalendarDate(year: year, month: 3 * q - 2, day: 1) else { return nil }
        return (first, first.adding(months: 3).adding(days: -1))
    }

    /// A link to a file below the index, safe whatever the file names: each path segment
    /// percent-encoded (RFC 3986 unreserved characters kept) and the whole prefixed with `./`, so
    /// a treasury file named `javascript:alert(1).xml` is a relative link, never a URL scheme.
    static func relativeLink(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.utf8.map { byte in
                unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
        }
        return "./" + segments.joined(separator: "/")
    }
}
