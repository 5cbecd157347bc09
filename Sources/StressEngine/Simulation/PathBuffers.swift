/// The arrays of finished paths' states, for the next path's state to refill instead of
/// allocating its own (`SimulatedTreasury.init(…buffers:)`, `giveBuffers(to:)`). A Monte Carlo
/// worker keeps one: a path's state holds about twenty small arrays (per note, loan, preferred,
/// covenant, call and trigger), and allocating, retaining and freeing them on every path was a few
/// per cent of a loan treasury's run.
///
/// Which path's array a state gets does not matter: each is overwritten in place (or emptied and
/// filled afresh when its size differs), so an empty pool, or one short of arrays, only means
/// allocating as before.
struct PathBuffers {
    var doubles: [[Double]] = []
    var flags: [[Bool]] = []
    var integers: [[Int]] = []
    var deadlines: [[Int?]] = []
    var items: [[PaymentSchedule.Item]] = []
    /// The probability map's worker's memo of the equity scale by day, read by every path state
    /// built from this pool (nil: each works its powers out).
    var equityScales: EquityScaleSlots?
    /// The probability map's worker's table of the equity scale by day for the walk and price
    /// column it runs, read by every path state built from this pool that it was filled for.
    var equityScaleTable: EquityScaleTable?

    /// An empty pool: every state built from it allocates its arrays.
    init() {}
}

extension Array {
    /// An array of `source`'s elements, in a buffer taken from `pool` when it has one (its own
    /// allocation otherwise: a path's state must not share a buffer with the simulator).
    @inline(__always)
    static func refilled(from pool: inout [[Element]], copying source: [Element]) -> [Element] {
        guard var array = pool.popLast() else { return source.freshCopy() }
        if array.count != source.count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: source)
        } else if !source.isEmpty {
            // Most buffers come back to the array they held, at its size: overwritten in place.
            // (An empty one is left alone: making the shared empty buffer unique makes a new one.)
            array.withUnsafeMutableBufferPointer { target in
                for i in source.indices { target[i] = source[i] }
            }
        }
        return array
    }

    /// `count` copies of `value`, in a buffer taken from `pool` when it has one.
    @inline(__always)
    static func refilled(from pool: inout [[Element]], repeating value: Element, count: Int) -> [Element] {
        guard var array = pool.popLast() else { return Array(repeating: value, count: count) }
        if array.count != count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: count))
        } else if count > 0 {
            array.withUnsafeMutableBufferPointer { target in
                for i in target.indices { target[i] = value }
            }
        }
        return array
    }
}
