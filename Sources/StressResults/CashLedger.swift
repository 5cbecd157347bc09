/// Money flows over a run, in USD, for the cash-conservation check.
public struct CashLedger: Sendable, Equatable {
    /// Net proceeds of ATM issuance.
    public var atmProceeds: Double = 0
    /// Net proceeds of BTC and fund-share sales (treasury and lenders).
    public var saleProceeds: Double = 0
    /// Operating cash received.
    public var operatingInflows: Double = 0
    /// Everything paid out (coupons, interest, dividends, principal, operating costs).
    public var payments: Double = 0
    /// USD spent buying BTC (the accumulation policy).
    public var purchases: Double = 0
}
