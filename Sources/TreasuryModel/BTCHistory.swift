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

    /// Parses `date,close` rows (a header line first, dates `YYYY-MM-DD` consecutive and ascending,
    /// closes in USD). Returns nil when a row is malformed, a day is missing or a close is not
    /// positive. Works on the bytes: the embedded file is read at every start of the tool.
    public static func parse(csv bytes: [UInt8]) -> BTCHistory? {
        var first: CalendarDate?
        var previous: CalendarDate?
        var closes: [Double] = []
        closes.reserveCapacity(bytes.count / 16)
        var lineStart = 0
        var isHeader = true
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
            if isHeader || end == lineStart {
                isHeader = false
                continue
            }
            // YYYY-MM-DD,close
            guard end - lineStart > 11, bytes[lineStart + 4] == 0x2D, bytes[lineStart + 7] == 0x2D,
                  bytes[lineStart + 10] == 0x2C,
                  let year = digits(bytes, lineStart, 4), let month = digits(bytes, lineStart + 5, 2),
                  let day = digits(bytes, lineStart + 8, 2), let date = CalendarDate(year: year, month: month, day: day),
                  let close = Double(String(decoding: bytes[(lineStart + 11)..<end], as: UTF8.self)),
                  close > 0, close.isFinite else { return nil }
            if let previous, previous.days(until: date) != 1 { return nil }
            if first == nil { first = date }
            previous = date
            closes.append(close)
        }
        guard let first else { return nil }
        return BTCHistory(firstDate: first, closes: closes)
    }

    /// The decimal number written with `count` ASCII digits from `start`, nil if one is not a digit.
    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for k in start..<(start + count) {
            let d = Int(bytes[k]) - 0x30
            guard (0...9).contains(d) else { return nil }
            value = value * 10 + d
        }
        return value
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
