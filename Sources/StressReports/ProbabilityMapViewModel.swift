import Foundation
import StressResults
import TreasuryModel

/// The probability map's section of the board report: one heatmap per event over today's BTC price
/// × today's mNAV, today's cell outlined, and the sentences that say where the odds turn.
enum ProbabilityMapViewModel {
    /// The template's values for the map.
    static func section(_ map: ProbabilityMap, horizonDays: Int, atmMinMNAV: Double?,
                        monteCarlo: [MonteCarloResult] = []) -> [String: Any] {
        let horizon = horizonDays % 365 == 0 ? "\(horizonDays / 365) year\(horizonDays == 365 ? "" : "s")" : "\(horizonDays) days"
        var events: [(String, (ProbabilityCell) -> Int)] = [("forced sale", \.forcedSale), ("missed payment", \.missedPayment)]
        if map.marginCallPossible { events.append(("margin call", \.marginCall)) }
        let figures: [[String: String]] = events.map { name, count in
            ["svg": heatmap(map, title: "P(\(name) within \(horizon)) by today's BTC price and mNAV", count: count)]
        }
        var lines: [String] = []
        if let today = map.todayCell, let cell = map.cell(row: today.row, column: today.column) {
            let row = map.mnavs[today.row]
            let sale = Double(cell.forcedSale) / Double(max(1, map.paths))
            let missed = Double(cell.missedPayment) / Double(max(1, map.paths))
            lines.append("At today's BTC price and an mNAV of \(String(format: "%.2f", row)) (today \(String(format: "%.2f", map.todayMNAV))): "
                + "a forced sale within \(horizon) on \(DisplayFormat.percent(sale, decimals: 1)) of paths, a missed payment on \(DisplayFormat.percent(missed, decimals: 1))."
                + reconciliation(map, monteCarlo: monteCarlo))
            // Where today's row turns: the highest starting price at which a forced sale is more likely than not.
            let columns = map.priceMultiples.indices.reversed()
            if let turn = columns.first(where: { column in
                guard let c = map.cell(row: today.row, column: column), c.reachable else { return false }
                return 2 * c.forcedSale >= map.paths
            }) {
                lines.append("At that mNAV a forced sale becomes more likely than not from BTC \(DisplayFormat.price(map.btcPrices[turn])) "
                    + "(\(DisplayFormat.percent(map.priceMultiples[turn])) of today's price) down.")
            } else {
                lines.append("At that mNAV no starting price on the map makes a forced sale more likely than not.")
            }
            // Down today's price column: the highest mNAV at which a forced sale is more likely than not.
            if let turn = map.mnavs.indices.reversed().first(where: { row in
                guard let c = map.cell(row: row, column: today.column), c.reachable else { return false }
                return 2 * c.forcedSale >= map.paths
            }) {
                lines.append("At today's BTC price a forced sale becomes more likely than not at an mNAV of \(String(format: "%.2f", map.mnavs[turn])) or below"
                    + (atmMinMNAV.map { ": the ATM issues only at an mNAV of \(String(format: "%.2f", $0)) or more, so below it BTC is what pays." } ?? "."))
            }
        }
        if map.cells.contains(where: { !$0.reachable }) {
            lines.append("Grey cells: at that price and mNAV the claims exceed what the market would pay for the company, so no share price gives that mNAV.")
        }
        return [
            "name": map.name,
            "note": "\(DisplayFormat.grouped(map.paths)) random BTC paths per cell (\(map.priceModel.kind), seed \(map.seed)), the same paths in every cell; "
                + "each cell restarts the treasury at that BTC price, with the share price that gives that mNAV on today's balance sheet. Today's cell is outlined.",
            "lines": lines.map { ["line": $0] },
            "figures": figures,
        ]
    }

    /// How today's cell squares with the Monte Carlo runs above, which start from today's own mNAV
    /// with their own paths: "" when the set has none.
    static func reconciliation(_ map: ProbabilityMap, monteCarlo: [MonteCarloResult]) -> String {
        guard let run = monteCarlo.first(where: { $0.priceModel == map.priceModel }) ?? monteCarlo.first,
              let forced = run.triggers.first(where: { $0.trigger.kind == .forcedSale }) else { return "" }
        return " The Monte Carlo run above (\(run.name)) starts at today's mNAV of \(String(format: "%.2f", map.todayMNAV)) itself, "
            + "with \(DisplayFormat.grouped(run.paths)) paths: \(DisplayFormat.percent(forced.probability, decimals: 1))."
    }

    /// A column's BTC price in a cell's width: "$114.1k", "$950", "$1.25M".
    static func compactPrice(_ usd: Double) -> String {
        guard usd.isFinite else { return "—" }
        if usd >= 1e6 { return String(format: "$%.2fM", usd / 1e6) }
        if usd >= 1e3 { return String(format: "$%.1fk", usd / 1e3) }
        return String(format: "$%.0f", usd)
    }

    /// Colour of a probability: green under 1 %, then amber, orange and red.
    static func color(_ p: Double) -> String {
        switch p {
        case ..<0.01: return "#e3f1e5"
        case ..<0.05: return "#fdf1c7"
        case ..<0.2: return "#fbd38d"
        case ..<0.5: return "#f4a261"
        default: return "#d9534f"
        }
    }

    /// One heatmap: columns are today's BTC price, rows today's mNAV (highest at the top).
    static func heatmap(_ map: ProbabilityMap, title: String, count: (ProbabilityCell) -> Int) -> String {
        typealias S = SVGChart
        let columns = map.priceMultiples.count, rows = map.mnavs.count
        let cellW = 49.0, cellH = 24.0, left = 64.0, top = 30.0
        let width = left + Double(columns) * cellW + 16, height = top + Double(rows) * cellH + 62
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(S.n(width)) \(S.n(height))\" role=\"img\" aria-label=\"\(S.escape(title))\" class=\"chart heatmap\">"
        svg += "<text x=\"\(S.n(left))\" y=\"18\" class=\"chart-title\">\(S.escape(title))</text>"
        let today = map.todayCell
        for row in 0..<rows {
            let y = top + Double(rows - 1 - row) * cellH
            svg += "<text x=\"\(S.n(left - 6))\" y=\"\(S.n(y + cellH / 2 + 4))\" class=\"tick\" text-anchor=\"end\">\(S.escape(String(format: "%.2f", map.mnavs[row])))</text>"
            for column in 0..<columns {
                guard let cell = map.cell(row: row, column: column) else { continue }
                let x = left + Double(column) * cellW
                let p = Double(count(cell)) / Double(max(1, map.paths))
                let fill = cell.reachable ? color(p) : "#d0d0d0"
                let label = !cell.reachable ? "—" : count(cell) == 0 ? "0" : p < 0.01 ? "<1" : String(format: "%.0f", p * 100)
                let tip = "BTC \(DisplayFormat.price(map.btcPrices[column])), mNAV \(String(format: "%.2f", map.mnavs[row])): "
                    + (cell.reachable ? "\(DisplayFormat.percent(p, decimals: 1)) (\(count(cell)) of \(map.paths) paths)" : "no share price gives this mNAV")
                svg += "<rect x=\"\(S.n(x))\" y=\"\(S.n(y))\" width=\"\(S.n(cellW - 1))\" height=\"\(S.n(cellH - 1))\" fill=\"\(fill)\"><title>\(S.escape(tip))</title></rect>"
                svg += "<text x=\"\(S.n(x + cellW / 2))\" y=\"\(S.n(y + cellH / 2 + 4))\" class=\"heat-value\" text-anchor=\"middle\">\(S.escape(label))</text>"
                if let today, today.row == row && today.column == column {
                    svg += "<rect x=\"\(S.n(x + 1))\" y=\"\(S.n(y + 1))\" width=\"\(S.n(cellW - 3))\" height=\"\(S.n(cellH - 3))\" fill=\"none\" stroke=\"#111\" stroke-width=\"2.5\"><title>today</title></rect>"
                }
            }
        }
        let base = top + Double(rows) * cellH
        for column in 0..<columns {
            let x = left + Double(column) * cellW + cellW / 2
            svg += "<text x=\"\(S.n(x))\" y=\"\(S.n(base + 14))\" class=\"tick\" text-anchor=\"middle\">\(S.escape(compactPrice(map.btcPrices[column])))</text>"
            svg += "<text x=\"\(S.n(x))\" y=\"\(S.n(base + 27))\" class=\"tick\" text-anchor=\"middle\">\(S.escape(DisplayFormat.percent(map.priceMultiples[column])))</text>"
        }
        svg += "<text x=\"\(S.n(left + Double(columns) * cellW / 2))\" y=\"\(S.n(base + 44))\" class=\"axis-label\" text-anchor=\"middle\">today's BTC price (and as a share of today's); rows: today's mNAV; cells: % of paths</text>"
        svg += "<text x=\"\(S.n(14))\" y=\"\(S.n(top + Double(rows) * cellH / 2))\" class=\"axis-label\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(S.n(top + Double(rows) * cellH / 2)))\">mNAV</text>"
        svg += "</svg>"
        return svg
    }
}
