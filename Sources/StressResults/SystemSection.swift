public import TreasuryModel

/// "If the others sell too" (DESIGN §6.2): one holder's outcome in a systemic run, beside the
/// same scenario with no sale moving the price, as its own board report shows it.
public struct SystemSection: Sendable, Equatable {
    /// The system's name, date and day-0 price (the holder is valued there for this section).
    public var systemName: String
    public var asOf: CalendarDate
    public var btcPrice: Double
    /// Days the system runs (its ladder's drivers fall within them).
    public var horizonDays: Int
    /// The other holders' names.
    public var others: [String]
    /// One row per scenario of the system's set.
    public var rows: [Row]
    /// The holder's ladder in the system: each trigger's price with everyone's selling and with
    /// no sale moving the price (the no-feedback rung carries no driver).
    public var ladder: [SystemRung]

    /// Creates a section.
    public init(systemName: String, asOf: CalendarDate, btcPrice: Double, horizonDays: Int = 0, others: [String], rows: [Row],
                ladder: [SystemRung] = []) {
        self.horizonDays = horizonDays
        self.systemName = systemName
        self.asOf = asOf
        self.btcPrice = btcPrice
        self.others = others
        self.rows = rows
        self.ladder = ladder
    }

    /// The holder in one scenario, with everyone's selling and alone (no sale moving the price).
    public struct Row: Sendable, Equatable {
        public var scenarioID: String
        public var scenarioName: String
        /// Realised ÷ the scenario's own worst fall; nil when it never falls.
        public var amplification: Double?
        /// BTC sold, with the others and alone.
        public var btcSold: Double
        public var btcSoldAlone: Double
        /// First forced sale and first missed payment (days after the system's date), with and alone.
        public var firstForcedSaleDay: Int?
        public var firstForcedSaleDayAlone: Int?
        public var firstDefaultDay: Int?
        public var firstDefaultDayAlone: Int?
        /// The triggers that fire only with the others' selling.
        public var caused: [CausedTrigger]

        /// Creates a row.
        public init(scenarioID: String, scenarioName: String, amplification: Double?, btcSold: Double, btcSoldAlone: Double,
                    firstForcedSaleDay: Int?, firstForcedSaleDayAlone: Int?, firstDefaultDay: Int?, firstDefaultDayAlone: Int?,
                    caused: [CausedTrigger]) {
            self.scenarioID = scenarioID
            self.scenarioName = scenarioName
            self.amplification = amplification
            self.btcSold = btcSold
            self.btcSoldAlone = btcSoldAlone
            self.firstForcedSaleDay = firstForcedSaleDay
            self.firstForcedSaleDayAlone = firstForcedSaleDayAlone
            self.firstDefaultDay = firstDefaultDay
            self.firstDefaultDayAlone = firstDefaultDayAlone
            self.caused = caused
        }
    }

    /// A trigger the spiral caused, with who sold in the three days before it (names, USD).
    public struct CausedTrigger: Sendable, Equatable {
        public var trigger: Trigger
        public var day: Int
        public var precededBy: [Seller]

        /// Creates a caused trigger.
        public init(trigger: Trigger, day: Int, precededBy: [Seller]) {
            self.trigger = trigger
            self.day = day
            self.precededBy = precededBy
        }
    }

    /// A seller by name ("leveraged longs", "ETF outflows" or a holder's name) and USD sold.
    public struct Seller: Sendable, Equatable {
        public var name: String
        public var usd: Double

        /// Creates a seller.
        public init(name: String, usd: Double) {
            self.name = name
            self.usd = usd
        }
    }
}
