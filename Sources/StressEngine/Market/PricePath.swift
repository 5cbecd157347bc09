public import TreasuryModel
public import StressResults
import Foundation

/// Where the simulator gets each day's BTC price. A source sees what the treasury sold the day
/// before, by seller, so a price-impact model (DESIGN §6) can push the price down after a sale.
public protocol BTCPriceSource {
    /// Whether `price(onDay:after:)` reads the previous day's sales. A fixed path says false, and
    /// the simulator then skips handing them over.
    static var answersToSales: Bool { get }
    /// BTC price in USD on `day` (0 = as-of), given the previous day's sales (nil on day 0, and
    /// always nil for a source that does not answer to sales).
    mutating func price(onDay day: Int, after previousDay: DayFlows?) -> Double
    /// The last price's value before any impact, USD, for a source that moves an exogenous
    /// path (nil for one that does not).
    var exogenousToday: Double? { get }
    /// Whether the source walks ln(P / P₀) and can hand over the walk without the price (a Monte
    /// Carlo path): the simulator then prices only the days that need a price.
    static var walksLogPrice: Bool { get }
    /// ln(P / P₀) on `day` (0 = as-of), for a source that walks the log price: calling it steps the
    /// walk as `price(onDay:after:)` does, and the day's price is `price(onDay:atLogReturn:)` of it.
    mutating func logReturn(onDay day: Int) -> Double
    /// The BTC price in USD on `day`, where the walk stands at ln(P / P₀) = `logReturn`: to the
    /// bit what `price(onDay:after:)` gives that day (a source may read `e^logReturn` drawn
    /// beforehand for the day).
    func price(onDay day: Int, atLogReturn logReturn: Double) -> Double
    /// The last day of a walk held in memory (−1 for a source that holds none: a walk drawn as it
    /// goes steps on each call). Days 0…`lastHeldDay` may be asked for in any order, as often as
    /// wanted, by `logReturn(heldDay:)` and `price(heldDay:atLogReturn:)`: the simulator may then
    /// read a day ahead and leave that day to the day loop.
    var lastHeldDay: Int { get }
    /// `logReturn(onDay:)` on a day 0…`lastHeldDay`, which the caller has checked: read as held,
    /// without bringing the day within the walk first.
    func logReturn(heldDay day: Int) -> Double
    /// `price(onDay:atLogReturn:)` on a day 0…`lastHeldDay`, which the caller has checked.
    func price(heldDay day: Int, atLogReturn logReturn: Double) -> Double
}

extension BTCPriceSource {
    /// A source answers to sales unless it says otherwise.
    public static var answersToSales: Bool { true }
    /// No exogenous path beside the price.
    public var exogenousToday: Double? { nil }
    /// A source gives prices, not a log walk, unless it says otherwise.
    public static var walksLogPrice: Bool { false }
    /// Not a log walk: NaN (never asked, as `walksLogPrice` is false).
    public mutating func logReturn(onDay day: Int) -> Double { .nan }
    /// Not a log walk: NaN (never asked, as `walksLogPrice` is false).
    public func price(onDay day: Int, atLogReturn logReturn: Double) -> Double { .nan }
    /// No walk held (a source steps on each call unless it says otherwise): no day.
    public var lastHeldDay: Int { -1 }
    /// No walk held: NaN (never asked, as `lastHeldDay` is −1).
    public func logReturn(heldDay day: Int) -> Double { .nan }
    /// No walk held: NaN (never asked, as `lastHeldDay` is −1).
    public func price(heldDay day: Int, atLogReturn logReturn: Double) -> Double { .nan }
}

/// A precomputed daily BTC price path in USD, day 0 (as-of) through the horizon.
public struct PricePath: BTCPriceSource, Sendable, Equatable {
    /// A precomputed path ignores sales.
    public static var answersToSales: Bool { false }

    /// Prices in USD, index = calendar day after the as-of date.
    public var prices: [Double]

    /// Creates a path from prices.
    public init(prices: [Double]) { self.prices = prices }

    /// Today's price; the last price holds beyond the end.
    public func price(onDay day: Int, after previousDay: DayFlows?) -> Double {
        prices[min(day, prices.count - 1)]
    }

    /// Day 0 at `start`, then `start · (1 + shock)` for every day to the horizon.
    public static func instant(start: Double, shock: Double, horizonDays: Int) -> PricePath {
        var prices = Array(repeating: start * (1 + shock), count: horizonDays + 1)
        prices[0] = start
        return PricePath(prices: prices)
    }

    /// The price path a scenario describes, from `start` over `horizonDays` days.
    ///
    /// Throws when a historical window leaves the embedded history.
    public static func forScenario(
        _ path: ScenarioPath, start: Double, horizonDays: Int, history: BTCHistory = .embedded,
        location: SourceLocation? = nil
    ) throws(InputError) -> PricePath {
        switch path {
        case .instant(let shock):
            return instant(start: start, shock: shock, horizonDays: horizonDays)
        case .waypoints(let points):
            var prices = [Double]()
            prices.reserveCapacity(horizonDays + 1)
            var previous = ScenarioPath.Waypoint(day: 0, multiple: 1)
            var remaining = points[...]
            for day in 0...horizonDays {
                while let next = remaining.first, next.day < day {
                    previous = next
                    remaining = remaining.dropFirst()
                }
                let multiple: Double
                if let next = remaining.first {
                    let w = Double(day - previous.day) / Double(next.day - previous.day)
                    multiple = exp(log(previous.multiple) * (1 - w) + log(next.multiple) * w)
                } else {
                    multiple = previous.multiple
                }
                prices.append(start * multiple)
            }
            return PricePath(prices: prices)
        case .historical(let from, let to):
            guard let closes = history.closes(from: from, through: to), let first = closes.first else {
                throw InputError(
                    "historical window \(from) to \(to) leaves the embedded BTC history (\(history.firstDate) to \(history.lastDate))",
                    at: location)
            }
            var prices = [Double]()
            prices.reserveCapacity(horizonDays + 1)
            for day in 0...horizonDays {
                let index = closes.startIndex + min(day, closes.count - 1)
                prices.append(start * closes[index] / first)
            }
            return PricePath(prices: prices)
        }
    }
}
