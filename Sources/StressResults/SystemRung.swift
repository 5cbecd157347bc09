/// One rung of a holder's ladder in a systemic run (DESIGN §6.2): the highest BTC price, after an
/// instant shock held flat, at which a trigger fires when every sale in the system moves the price
/// (the holders', the leveraged longs' liquidations, ETF outflows), beside the same search with no
/// sale moving it. The gap between the two prices is how much earlier the spiral brings the
/// trigger: where the holder's own spiral starts.
public struct SystemRung: Sendable, Equatable {
    /// With everyone's selling. Its `btcPrice` is the scenario's own price after the shock, before
    /// any sale moves it; `realisedLow` is where the selling then takes the price.
    public var together: TriggerRung
    /// With no sale moving the price: the holder's own ladder at the system's date and price.
    public var alone: TriggerRung
    /// The lowest realised price over the horizon in the run at `together`'s shock, USD (nil when
    /// the trigger never fires with feedback).
    public var realisedLow: Double?

    /// Creates a rung.
    public init(together: TriggerRung, alone: TriggerRung, realisedLow: Double?) {
        self.together = together
        self.alone = alone
        self.realisedLow = realisedLow
    }

    /// The trigger.
    public var trigger: Trigger { together.trigger }

    /// How far above the no-feedback price the trigger now fires, as a fraction of that price
    /// (0.08: at a BTC price 8 % higher); nil unless both fire at a price.
    public var broughtForward: Double? {
        guard together.status == .fires, alone.status == .fires, let with = together.btcPrice, let without = alone.btcPrice,
              without > 0 else { return nil }
        return with / without - 1
    }
}

/// One holder's ladder in a systemic run, in ladder order.
public struct SystemHolderLadder: Sendable, Equatable {
    /// The holder's treasury name.
    public var name: String
    /// Its rungs.
    public var rungs: [SystemRung]

    /// Creates a holder's ladder.
    public init(name: String, rungs: [SystemRung]) {
        self.name = name
        self.rungs = rungs
    }
}
