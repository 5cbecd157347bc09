import Foundation

/// Small, dependency-free SVG charts for the board report. Every label is escaped here, since
/// the templates insert the SVG unescaped.
enum SVGChart {
    /// Colours for series, distinct for the common forms of colour blindness and in print:
    /// Okabe & Ito's seven (their yellow left out, too faint on white), then Paul Tol's indigo,
    /// wine, olive, green and cyan.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                          "#332288", "#882255", "#999933", "#117733", "#88CCEE"]

    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var color: String
        /// Drawn dashed and thinner: a reference path beside a series of the same colour.
        var dashed = false
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in BidiIsolation.isolate(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The plot area of a line or fan chart: margins, scales, title, grid, ticks and axes.
    struct Frame {
        let width: Double, height: Double
        let left = 74.0, right = 16.0, top = 30.0, bottom = 40.0
        let xMax: Double
        let yLow: Double, yHigh: Double
        var plotW: Double { width - left - right }
        var plotH: Double { height - top - bottom }

        /// Fits `values` with 5 % headroom (and room down to 0 unless `yMin` is given).
        init(width: Double, height: Double, xMax: Double, values: [Double], yMin: Double?, atLeast: Double?) {
            self.width = width
            self.height = height
            self.xMax = max(xMax, 1)
            var low = yMin ?? (values.min() ?? 0), high = values.max() ?? 1
            if let atLeast { high = max(high, atLeast) }
            if high <= low { high = low + 1 }
            high += (high - low) * 0.05
            if yMin == nil { low = max(0, low - (high - low) * 0.05) }
            yLow = low
            yHigh = high
        }

        func px(_ x: Double) -> Double { left + x / xMax * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yLow) / (yHigh - yLow) * plotH }

        func open(title: String) -> String {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\" class=\"chart\">"
                + "<text x=\"\(n(left))\" y=\"18\" class=\"chart-title\">\(escape(title))</text>"
        }

        func grid(yFormat: (Double) -> String, xLabel: String) -> String {
            var svg = ""
            for tick in ticks(yLow, yHigh) {
                svg += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\" class=\"grid\"/>"
                svg += "<text x=\"\(n(left - 6))\" y=\"\(n(py(tick) + 4))\" class=\"tick\" text-anchor=\"end\">\(escape(yFormat(tick)))</text>"
            }
            for tick in ticks(0, xMax) {
                svg += "<text x=\"\(n(px(tick)))\" y=\"\(n(top + plotH + 16))\" class=\"tick\" text-anchor=\"middle\">\(DisplayFormat.wholeUnits(tick))</text>"
            }
            svg += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(height - 6))\" class=\"axis-label\" text-anchor=\"middle\">\(escape(xLabel))</text>"
            return svg
        }

        func axisLines() -> String {
            "<line x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"\(n(top))\" y2=\"\(n(top + plotH))\" class=\"axis\"/>"
                + "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(top + plotH))\" y2=\"\(n(top + plotH))\" class=\"axis\"/>"
        }
    }

    /// "Nice" tick values covering [low, high].
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return [low] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var value = ceil(low / step) * step
        var result: [Double] = []
        while value <= high + step * 1e-9 {
            result.append(value)
            value += step
        }
        return result
    }

    /// A multi-series line chart; `yFormat` labels the y axis, `xLabel` names the x axis.
    static func lines(_ series: [Series], title: String, xLabel: String, yFormat: (Double) -> String,
                      yMin: Double? = nil, threshold: (value: Double, label: String)? = nil,
                      width: Double = 720, height: Double = 250) -> String {
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let frame = Frame(width: width, height: height, xMax: xs.max() ?? 1, values: ys, yMin: yMin,
                          atLeast: threshold.map { $0.value * 1.05 })
        let (px, py) = (frame.px, frame.py)
        let (left, right) = (frame.left, frame.right)
        var svg = frame.open(title: title) + frame.grid(yFormat: yFormat, xLabel: xLabel) + frame.axisLines()
        if let threshold {
            let y = py(threshold.value)
            svg += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"threshold\"/>"
            svg += "<text x=\"\(n(width - right - 4))\" y=\"\(n(y - 4))\" class=\"threshold-label\" text-anchor=\"end\">\(escape(threshold.label))</text>"
        }
        for s in series where !s.points.isEmpty {
            let d = s.points.enumerated().map { i, p in (i == 0 ? "M" : "L") + n(px(p.x)) + "," + n(py(p.y)) }.joined()
            let style = s.dashed ? "stroke-width=\"1.1\" stroke-dasharray=\"5 3\"" : "stroke-width=\"1.6\""
            svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(s.color)\" \(style)><title>\(escape(s.name))</title></path>"
        }
        svg += "</svg>"
        return svg
    }

    /// A fan chart: the 5–95 % and 25–75 % bands of a quantity per day, and its median.
    static func fan(_ points: [(day: Double, values: [Double])], title: String, xLabel: String,
                    yFormat: (Double) -> String, yMin: Double? = nil, width: Double = 720, height: Double = 250) -> String {
        let frame = Frame(width: width, height: height, xMax: points.map(\.day).max() ?? 1,
                          values: points.flatMap(\.values).filter(\.isFinite), yMin: yMin, atLeast: nil)
        let (px, py) = (frame.px, frame.py)
        var svg = frame.open(title: title) + frame.grid(yFormat: yFormat, xLabel: xLabel)
        func band(_ low: Int, _ high: Int, _ css: String) {
            guard !points.isEmpty else { return }
            let upper = points.map { "\(n(px($0.day))),\(n(py($0.values[high])))" }
            let lower = points.reversed().map { "\(n(px($0.day))),\(n(py($0.values[low])))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" class=\"\(css)\"/>"
        }
        if points.allSatisfy({ $0.values.count == 5 }) {
            band(0, 4, "band-outer")
            band(1, 3, "band-inner")
            let d = points.enumerated().map { i, p in (i == 0 ? "M" : "L") + n(px(p.day)) + "," + n(py(p.values[2])) }.joined()
            svg += "<path d=\"\(d)\" class=\"median\"/>"
        }
        svg += frame.axisLines() + "</svg>"
        return svg
    }

    /// Stacked bars per year (principal, interest, dividends).
    static func maturityWall(_ years: [(label: String, parts: [Double])], partNames: [String], title: String,
                             width: Double = 720, height: Double = 250) -> String {
        let left = 74.0, right = 16.0, top = 30.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let colors = ["#1f5fa8", "#d68a00", "#2f8f46"]
        let maxTotal = max(years.map { $0.parts.reduce(0, +) }.max() ?? 1, 1)
        let yHigh = maxTotal * 1.08
        func py(_ y: Double) -> Double { top + plotH - y / yHigh * plotH }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\" class=\"chart\">"
        svg += "<text x=\"\(n(left))\" y=\"18\" class=\"chart-title\">\(escape(title))</text>"
        for tick in ticks(0, yHigh) {
            svg += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\" class=\"grid\"/>"
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(py(tick) + 4))\" class=\"tick\" text-anchor=\"end\">\(escape(DisplayFormat.usd(tick)))</text>"
        }
        let slot = plotW / Double(max(years.count, 1))
        let barW = min(60, slot * 0.6)
        for (i, year) in years.enumerated() {
            let x = left + slot * (Double(i) + 0.5) - barW / 2
            var base = 0.0
            for (k, part) in year.parts.enumerated() where part > 0 {
                let y0 = py(base), y1 = py(base + part)
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y1))\" width=\"\(n(barW))\" height=\"\(n(max(0.5, y0 - y1)))\" fill=\"\(colors[k % colors.count])\"><title>\(escape(year.label)) \(escape(partNames[k])): \(escape(DisplayFormat.usd(part)))</title></rect>"
                base += part
            }
            svg += "<text x=\"\(n(x + barW / 2))\" y=\"\(n(top + plotH + 16))\" class=\"tick\" text-anchor=\"middle\">\(escape(year.label))</text>"
        }
        for (k, name) in partNames.enumerated() {
            let x = left + Double(k) * 150
            svg += "<rect x=\"\(n(x))\" y=\"\(n(height - 18))\" width=\"10\" height=\"10\" fill=\"\(colors[k % colors.count])\"/>"
            svg += "<text x=\"\(n(x + 14))\" y=\"\(n(height - 9))\" class=\"tick\">\(escape(name))</text>"
        }
        svg += "</svg>"
        return svg
    }

    /// The trigger ladder as a price axis from 0 to today's price with a marker per trigger.
    static func ladder(_ rungs: [(label: String, price: Double, severe: Bool)], currentPrice: Double,
                       width: Double = 1100) -> String {
        let rowH = 22.0, top = 26.0, left = 16.0, right = 16.0
        let height = top + Double(max(rungs.count, 1)) * rowH + 30
        let maxPrice = max(currentPrice, rungs.map(\.price).max() ?? currentPrice) * 1.05
        let plotW = width - left - right
        func px(_ p: Double) -> Double { left + p / maxPrice * plotW }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"Trigger-price ladder\" class=\"chart ladder\">"
        let xNow = px(currentPrice)
        svg += "<line x1=\"\(n(xNow))\" x2=\"\(n(xNow))\" y1=\"\(n(top - 8))\" y2=\"\(n(height - 24))\" class=\"now\"/>"
        svg += "<text x=\"\(n(xNow))\" y=\"\(n(top - 12))\" class=\"tick\" text-anchor=\"middle\">today \(escape(DisplayFormat.price(currentPrice)))</text>"
        for (i, rung) in rungs.enumerated() {
            let y = top + Double(i) * rowH + rowH / 2
            let x = px(rung.price)
            svg += "<line x1=\"\(n(left))\" x2=\"\(n(x))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"\(rung.severe ? "rung-severe" : "rung")\"/>"
            svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4\" class=\"\(rung.severe ? "dot-severe" : "dot")\"/>"
            let anchor = x > width * 0.6 ? "end" : "start"
            let tx = anchor == "end" ? x - 8 : x + 8
            svg += "<text x=\"\(n(tx))\" y=\"\(n(y + 4))\" class=\"rung-label\" text-anchor=\"\(anchor)\">\(escape(rung.label)) · \(escape(DisplayFormat.price(rung.price)))</text>"
        }
        for tick in ticks(0, maxPrice) {
            svg += "<text x=\"\(n(px(tick)))\" y=\"\(n(height - 8))\" class=\"tick\" text-anchor=\"middle\">\(escape(DisplayFormat.usd(tick)))</text>"
        }
        svg += "</svg>"
        return svg
    }
}
