public import TreasuryModel

/// Daily BTC/USD closes (24:00 UTC) embedded in the product, for historical replays and, later,
/// bootstrap sampling. Derived from `shared/data/btc-usd-daily.csv` by `scripts/embed-history.py`.
public struct BTCHistory: Sendable {
    /// The first date with a close.
    public let firstDate: CalendarDate
    /// Closes in USD, one per calendar day from `firstDate`.
    public let closes: [Double]

    /// The embedded series, parsed once.
    public static let embedded: BTCHistory = {
        let first = CalendarDate(iso: embeddedFirstDate) ?? CalendarDate(dayNumber: 0)
        let closes = embeddedCloses.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        return BTCHistory(firstDate: first, closes: closes)
    }()

    /// Creates a history from closes starting at a date.
    public init(firstDate: CalendarDate, closes: [Double]) {
        self.firstDate = firstDate
        self.closes = closes
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
