/// One value for each BTC-backed loan of a treasury, addressed by its position in `Treasury.loans`.
public struct PerLoan<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The values in `Treasury.loans` order.
    public private(set) var values: [Value]

    /// The same value for each of `count` loans.
    public init(repeating value: Value, count: Int) { values = Array(repeating: value, count: count) }

    /// Values in loan order.
    public init(_ values: [Value] = []) { self.values = values }

    /// The value of `Treasury.loans[loan]`.
    public subscript(loan loan: Int) -> Value {
        get { values[loan] }
        set { values[loan] = newValue }
    }
}
