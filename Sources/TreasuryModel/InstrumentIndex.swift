/// Where an instrument sits in its treasury's instrument order: the convertible notes, then the
/// BTC-backed loans, then the preferred series, each in file order (`Treasury.instrumentIDs`).
/// Every per-instrument array that the simulator and its results keep is indexed by it.
public struct InstrumentIndex: Hashable, Comparable, Sendable {
    /// Position in the instrument order, from 0.
    public let position: Int

    /// The instrument at `position` in the instrument order.
    public init(_ position: Int) { self.position = position }

    public static func < (lhs: InstrumentIndex, rhs: InstrumentIndex) -> Bool { lhs.position < rhs.position }
}

/// Which instrument an `InstrumentIndex` names, by kind and position in that kind's list.
public enum InstrumentSlot: Hashable, Sendable {
    /// `Treasury.convertibleNotes[i]`.
    case convertibleNote(Int)
    /// `Treasury.loans[i]`.
    case btcLoan(Int)
    /// `Treasury.preferreds[i]`.
    case preferred(Int)
}
