/// How many instruments of each kind a treasury has: the map between `InstrumentIndex` and
/// `InstrumentSlot`, as plain numbers (the simulator keeps one).
public struct InstrumentOrder: Hashable, Sendable {
    /// Counts of convertible notes, loans and preferred series.
    public let notes: Int
    public let loans: Int
    public let preferreds: Int

    /// The order of `treasury`'s instruments.
    public init(_ treasury: Treasury) {
        notes = treasury.convertibleNotes.count
        loans = treasury.loans.count
        preferreds = treasury.preferreds.count
    }

    /// All instruments.
    public var count: Int { notes + loans + preferreds }
    /// Every index, in order (computed as iterated: the simulator walks it every day).
    public var indices: LazyMapCollection<Range<Int>, InstrumentIndex> { (0..<count).lazy.map(InstrumentIndex.init) }

    /// The kind and list position an index names.
    @inline(__always)
    public func slot(_ index: InstrumentIndex) -> InstrumentSlot {
        let k = index.position
        if k < notes { return .convertibleNote(k) }
        if k < notes + loans { return .btcLoan(k - notes) }
        return .preferred(k - notes - loans)
    }

    /// The index of a kind's list position.
    public func index(_ slot: InstrumentSlot) -> InstrumentIndex {
        switch slot {
        case .convertibleNote(let i): return InstrumentIndex(i)
        case .btcLoan(let i): return InstrumentIndex(notes + i)
        case .preferred(let i): return InstrumentIndex(notes + loans + i)
        }
    }
}

extension Treasury {
    /// The order of this treasury's instruments.
    public var instrumentOrder: InstrumentOrder { InstrumentOrder(self) }

    /// The index of the instrument with `id`, if there is one.
    public func instrumentIndex(id: String) -> InstrumentIndex? {
        instrumentIDs.firstIndex(of: id).map(InstrumentIndex.init)
    }
}
