/// A trigger the board ladder reports: the first time something bad happens in a scenario.
public struct Trigger: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// What kind of trigger.
    public var kind: Kind
    /// The loan or covenant id; empty for company-wide triggers.
    public var ref: String

    /// Creates a trigger.
    public init(kind: Kind, ref: String = "") {
        self.kind = kind
        self.ref = ref
    }

    /// Trigger kinds, as they appear in the report XML.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// A loan's LTV reaches its margin-call threshold.
        case marginCall
        /// A loan's collateral is sold by the lender.
        case liquidation
        /// A covenant's metric crosses its limit.
        case covenantBreach
        /// The first sale of BTC or fund shares to meet an obligation or a lender.
        case forcedSale
        /// The first payment that cannot be made.
        case defaultEvent = "default"

        /// Ladder order: loan triggers, covenants, then company-wide.
        var rank: Int {
            switch self {
            case .marginCall: return 0
            case .liquidation: return 1
            case .covenantBreach: return 2
            case .forcedSale: return 3
            case .defaultEvent: return 4
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
    }

    public static func < (lhs: Trigger, rhs: Trigger) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.ref < rhs.ref
    }

    public var description: String { ref.isEmpty ? kind.rawValue : "\(kind.rawValue) \(ref)" }
}
