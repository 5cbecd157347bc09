public import TreasuryModel

/// One value for each instrument of a treasury, addressed by `InstrumentIndex` (notes, then
/// loans, then preferred series, as `Treasury.instrumentIDs` lists them).
public struct PerInstrument<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The values in instrument order.
    public private(set) var values: [Value]

    /// Values in instrument order.
    public init(_ values: [Value] = []) { self.values = values }

    /// The same value for each of `order`'s instruments.
    public init(repeating value: Value, for order: InstrumentOrder) {
        values = Array(repeating: value, count: order.count)
    }

    /// The value of one instrument.
    public subscript(index: InstrumentIndex) -> Value {
        get { values[index.position] }
        set { values[index.position] = newValue }
    }

    /// The value of one instrument, nil when the index is outside (a report of another treasury).
    public func value(at index: InstrumentIndex) -> Value? {
        values.indices.contains(index.position) ? values[index.position] : nil
    }
}
