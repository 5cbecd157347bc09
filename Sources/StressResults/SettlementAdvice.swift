public import TreasuryModel

/// The settlement advisor's answer for one scenario (issue 9): the election per convertible
/// (stock, cash or mixed) that sells the least BTC without a missed payment, beside the
/// treasury's own elections, with what each sells and dilutes.
public struct SettlementAdvice: Sendable, Equatable {
    /// The advised election per note, in the treasury's note order (note id, election).
    public var elections: [NoteElection]
    /// With the advised elections: BTC sold (BTC), new shares as a fraction, and whether a payment is missed.
    public var btcSold: Double
    public var dilution: Double
    public var defaulted: Bool
    /// With the treasury's own elections.
    public var ownBTCSold: Double
    public var ownDilution: Double
    public var ownDefaulted: Bool
    /// Whether every combination was tried (else a search one note at a time from the treasury's own).
    public var exhaustive: Bool

    /// One note's election.
    public struct NoteElection: Sendable, Equatable {
        /// The note's id.
        public var note: String
        /// The election advised.
        public var election: SettlementElection
        /// The treasury's own.
        public var own: SettlementElection

        /// Creates a note's election.
        public init(note: String, election: SettlementElection, own: SettlementElection) {
            self.note = note
            self.election = election
            self.own = own
        }
    }

    /// Creates advice.
    public init(elections: [NoteElection], btcSold: Double, dilution: Double, defaulted: Bool, ownBTCSold: Double,
                ownDilution: Double, ownDefaulted: Bool, exhaustive: Bool) {
        self.elections = elections
        self.btcSold = btcSold
        self.dilution = dilution
        self.defaulted = defaulted
        self.ownBTCSold = ownBTCSold
        self.ownDilution = ownDilution
        self.ownDefaulted = ownDefaulted
        self.exhaustive = exhaustive
    }

    /// Whether the advice differs from what the treasury elects.
    public var changesAnything: Bool { elections.contains { $0.election != $0.own } }
}
