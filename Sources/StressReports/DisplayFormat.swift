import Foundation

/// Number formats a board reads: $1.23B, 640,031 BTC, −42 %, 0.20×. Every one is total: any
/// Double, infinite, NaN or 1e300 included, gives text (a dash where there is no number).
enum DisplayFormat {
    static func usd(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let a = abs(value), sign = value < 0 ? "−" : ""
        if a >= 1e9 { return "\(sign)$\(String(format: "%.2f", a / 1e9))B" }
        if a >= 1e6 { return "\(sign)$\(String(format: "%.1f", a / 1e6))M" }
        if a >= 1e3 { return "\(sign)$\(String(format: "%.0f", a / 1e3))k" }
        return "\(sign)$\(String(format: "%.0f", a))"
    }

    /// A price in whole dollars with thousands separators: $61,538.
    static func price(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value < 100 { return "$" + String(format: "%.2f", value) }
        return "$" + grouped(value)
    }

    static func grouped(_ value: Int) -> String {
        grouped(digits: String(value.magnitude), negative: value < 0)
    }

    /// A whole number of any size with thousands separators (rounded; no conversion to Int,
    /// which would trap beyond ±9.2e18); a dash when not finite.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let rounded = value.rounded()
        return grouped(digits: String(format: "%.0f", abs(rounded)), negative: rounded < 0)
    }

    private static func grouped(digits: String, negative: Bool) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (negative ? "−" : "") + out
    }

    static func btc(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if abs(value) >= 100 { return grouped(value) + " BTC" }
        return String(format: "%.2f", value) + " BTC"
    }

    static func shares(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value >= 1e9 { return String(format: "%.2fB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1fM", value / 1e6) }
        return grouped(value)
    }

    static func percent(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(decimals)f", abs(value) * 100)
        return (value < -0.00005 ? "−" : "") + text + " %"
    }

    static func signedPercent(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if abs(value) < 0.0005 { return "0 %" }
        return (value > 0 ? "+" : "−") + String(format: "%.1f", abs(value) * 100) + " %"
    }

    static func multiple(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "∞" }
        return String(format: "%.2f×", value)
    }

    static func satsPerShare(_ btcPerShare: Double) -> String {
        guard btcPerShare.isFinite else { return "—" }
        return grouped(btcPerShare * 1e8) + " sats"
    }

    /// BTC with two decimals: 12.50 BTC.
    static func compactBTC(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return String(format: "%.2f BTC", value)
    }

    /// A ratio as a whole percentage without a space: 65%; ∞ when infinite.
    static func wholePercent(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return String(format: "%.0f", (value * 100).rounded() + 0) + "%"  // + 0 turns −0 into 0
    }

    /// A covenant metric: compact USD from a million up, else three significant digits; ∞ when infinite.
    /// A metric's value and its limit, with enough digits that they differ when the values do
    /// ("0.9987" and "1", not "1" and "1").
    static func distinct(_ value: Double, _ limit: Double) -> (String, String) {
        var shown = metric(value), bound = metric(limit)
        guard value != limit, abs(value) < 1e6, abs(limit) < 1e6, value.isFinite, limit.isFinite else { return (shown, bound) }
        for digits in [4, 6, 9, 12] where shown == bound {
            shown = String(format: "%.\(digits)g", value)
            bound = String(format: "%.\(digits)g", limit)
        }
        return (shown, bound)
    }

    static func metric(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return abs(value) >= 1e6 ? usd(value) : String(format: "%.3g", value)
    }

    /// A count of units (shares) rounded to a whole number, without separators.
    static func wholeUnits(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return grouped(value.rounded() + 0)
    }
}
