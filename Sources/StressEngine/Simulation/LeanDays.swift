/// What a lean run (`SimulatedTreasury.stepLeanDays`) reads of each day 0…horizon, whatever the
/// path: the calendar (`TreasurySimulator.quietCalendar`), the as-of prefunding target (USD, NaN
/// where the path decides it) and the instruments due in the day's window
/// (`TreasurySimulator.prefundBaseTarget`, `prefundWindowInstruments`). Copied into memory the
/// simulator owns so that a run, which has already checked that its day lies within the horizon,
/// reads them without a bounds check each: three a day, on some nine million lean days of
/// Strategy-like's map.
final class LeanDays: @unchecked Sendable {
    /// Days held: horizon + 1.
    let count: Int
    private let calendar: UnsafeMutablePointer<QuietDay>
    private let targets: UnsafeMutablePointer<Double>
    private let instruments: UnsafeMutablePointer<UInt64>

    /// The days 0…`horizonDays` of the simulator's arrays; a day an array lacks (no prefunding:
    /// the targets are empty) is busy, with no target and every instrument.
    init(calendar: [QuietDay], targets: [Double], instruments: [UInt64], horizonDays: Int) {
        count = max(0, horizonDays) + 1
        self.calendar = .allocate(capacity: count)
        self.targets = .allocate(capacity: count)
        self.instruments = .allocate(capacity: count)
        Self.fill(self.calendar, count: count, from: calendar, beyond: .busy)
        Self.fill(self.targets, count: count, from: targets, beyond: .nan)
        Self.fill(self.instruments, count: count, from: instruments, beyond: .max)
    }

    /// Fills `count` days from `values`, with `beyond` on the days it lacks.
    private static func fill<T>(_ pointer: UnsafeMutablePointer<T>, count: Int, from values: [T], beyond: T) {
        let held = min(count, values.count)
        values.withUnsafeBufferPointer { values in
            if let first = values.baseAddress { pointer.initialize(from: first, count: held) }
        }
        (pointer + held).initialize(repeating: beyond, count: count - held)
    }

    deinit {
        calendar.deallocate()
        targets.deallocate()
        instruments.deallocate()
    }

    /// `day`'s calendar; `day` must lie in 0…horizon (the caller checks it).
    @inline(__always)
    func calendar(uncheckedDay day: Int) -> QuietDay {
        assert(day >= 0 && day < count, "a lean day within the horizon")
        return calendar[day]
    }

    /// `day`'s as-of prefunding target (USD) where no instrument in `changed` is due in its window
    /// and the path does not decide it, nil otherwise (`SimulatedTreasury.baseTargetHolds`); `day`
    /// must lie in 0…horizon.
    @inline(__always)
    func baseTarget(uncheckedDay day: Int, changed: UInt64) -> Double? {
        assert(day >= 0 && day < count, "a lean day within the horizon")
        guard instruments[day] & changed == 0 else { return nil }
        let target = targets[day]
        return target.isNaN ? nil : target
    }
}
