/// One rung of the board's ladder: the highest BTC price (after an instant shock held flat over
/// the horizon) at which a trigger fires.
public struct TriggerRung: Sendable, Equatable {
    /// The trigger.
    public var trigger: Trigger
    /// How the trigger responds to the price.
    public var status: Status
    /// Highest BTC price in USD at which it fires (nil when it never fires in the searched range).
    public var btcPrice: Double?
    /// That price as a move from today's price (−0.4 = 40 % lower).
    public var drawdown: Double?
    /// False when a lower price was seen not to fire while a higher one did.
    public var monotonic: Bool
    /// What makes it fire at `btcPrice`, from a run at that price: for a forced sale, the
    /// obligation whose payment sold BTC or fund shares (its funding shows what the other sources
    /// covered) or the lender's liquidation; for a missed payment, the payment missed; otherwise
    /// the trigger's own first event. Its day says when: a trigger driven by a dated obligation
    /// (a put, a maturity) fires on that date, not on the day of the price move. Nil when the
    /// trigger does not fire in the range searched.
    public var driver: SimulationEvent?

    /// Creates a rung.
    public init(trigger: Trigger, status: Status, btcPrice: Double?, drawdown: Double?, monotonic: Bool,
                driver: SimulationEvent? = nil) {
        self.trigger = trigger
        self.status = status
        self.btcPrice = btcPrice
        self.drawdown = drawdown
        self.monotonic = monotonic
        self.driver = driver
    }

    /// How a trigger responds to the BTC price.
    public enum Status: String, Sendable, CaseIterable {
        /// Fires at and below `btcPrice`.
        case fires
        /// Fires even at the top of the searched range (up to 3× today's price): not a price risk.
        case always
        /// Does not fire even at a 99 % drawdown.
        case never
    }
}
