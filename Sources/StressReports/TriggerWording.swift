public import StressResults

/// Board names of triggers, and of the worst trigger a quarter's summary records as text.
public enum TriggerWording {
    /// "Margin call on loan-a", "Covenant liquidity breached", "First forced sale of BTC".
    public static func name(_ trigger: Trigger) -> String {
        switch trigger.kind {
        case .marginCall: return "Margin call on \(trigger.ref)"
        case .liquidation: return "Liquidation of \(trigger.ref)"
        case .covenantBreach: return "Covenant \(trigger.ref) breached"
        case .forcedSale: return "First forced sale of BTC"
        case .defaultEvent: return "First missed payment (default)"
        }
    }

    /// The suffix `QuarterSummary.worstTrigger` carries for a trigger that fires at any price.
    static let anyPriceSuffix = " (at any price)"

    /// A summary's worst trigger (`Trigger.description`, with the any-price suffix when it fires
    /// at any price), parsed back: the trigger, and whether it fires at any price. Nil for text
    /// that names no trigger (a history written by another version).
    public static func parse(_ text: String) -> (trigger: Trigger, atAnyPrice: Bool)? {
        let anyPrice = text.hasSuffix(anyPriceSuffix)
        let core = anyPrice ? String(text.dropLast(anyPriceSuffix.count)) : text
        let parts = core.split(separator: " ", maxSplits: 1)
        guard let first = parts.first, let kind = Trigger.Kind(rawValue: String(first)) else { return nil }
        return (Trigger(kind: kind, ref: parts.count > 1 ? String(parts[1]) : ""), anyPrice)
    }

    /// A summary's worst trigger in words with its price: "Covenant liquidity breached at
    /// $54,367", "First forced sale of BTC at any price", or "none".
    static func worst(_ summary: QuarterSummary?) -> String {
        guard let text = summary?.worstTrigger else { return "none" }
        guard let (trigger, anyPrice) = parse(text) else { return text }
        if anyPrice { return name(trigger) + " at any price" }
        return name(trigger) + (summary?.worstTriggerPrice.map { " at \(DisplayFormat.price($0))" } ?? "")
    }

    /// The first forced sale's price in a summary, agreeing with its worst trigger: "at any price"
    /// when the forced sale fires at any price, "none" only when no forced sale is recorded.
    static func forcedSale(_ summary: QuarterSummary?) -> String {
        if let price = summary?.forcedSalePrice { return DisplayFormat.price(price) }
        if let text = summary?.worstTrigger, let (trigger, anyPrice) = parse(text), anyPrice, trigger.kind == .forcedSale {
            return "at any price"
        }
        return "none"
    }
}
