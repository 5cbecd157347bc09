/// Daily BTC/USD closes (24:00 UTC) embedded in the product, for historical replays and bootstrap
/// sampling: market data, so it lives with the model. The series is
/// `Sources/TreasuryModel/MarketData/btc-usd-daily.csv`, embedded by SwiftPM (`embedInCode`);
/// its provenance note is `MarketData/README.md` beside it.
public struct BTCHistory: Sendable {
    /// The first date with a close.
    public let firstDate: CalendarDate
    /// Closes in USD, one per calendar day from `firstDate`.
    public let closes: [Double]

    /// The embedded series, parsed once. The file is checked by a test (consecutive days, every
    /// close positive), so a parse failure here means the build embedded a damaged file.
    public static let embedded: BTCHistory = parse(csv: PackageResources.btc_usd_daily_csv)
        ?? BTCHistory(firstDate: CalendarDate(dayNumber: 0), closes: [])

    /// Creates a history from closes starting at a date.
    public init(firstDate: CalendarDate, closes: [Double]) {
        self.firstDate = firstDate
        self.closes = closes
    }

    /// Parses `date,close` rows (a header line first, dates consecutive and ascending, closes in USD).
    /// Returns nil when a row is malformed, a day is missing or a close is not positive.
    public static func parse(csv bytes: [UInt8]) -> BTCHistory? {
        let text = String(decoding: bytes, as: UTF8.self)
        var first: CalendarDate?
        var previous: CalendarDate?
        var closes: [Double] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2, let date = CalendarDate(iso: String(fields[0])),
                  let close = Double(fields[1].trimmingSpaces), close > 0, close.isFinite else { return nil }
            if let previous, previous.days(until: date) != 1 { return nil }
            if first == nil { first = date }
            previous = date
            closes.append(close)
        }
        guard let first else { return nil }
        return BTCHistory(firstDate: first, closes: closes)
    }

    /// The last date with a close.
    public var lastDate: CalendarDate { firstDate.adding(days: max(0, closes.count - 1)) }

    /// The close on a date, nil outside the series.
    public func close(on date: CalendarDate) -> Double? {
        let index = firstDate.days(until: date)
        return closes.indices.contains(index) ? closes[index] : nil
    }

    /// Closes from `from` through `to` inclusive, or nil when the window leaves the series.
    public func closes(from: CalendarDate, through to: CalendarDate) -> ArraySlice<Double>? {
        let start = firstDate.days(until: from), end = firstDate.days(until: to)
        guard start >= 0, end < closes.count, start <= end else { return nil }
        return closes[start...end]
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\r" { s.removeFirst() }
        while s.last == " " || s.last == "\r" { s.removeLast() }
        return s
    }
}
