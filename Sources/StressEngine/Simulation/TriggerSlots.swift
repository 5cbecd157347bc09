import StressResults

/// Where each trigger a path can fire is kept: its position in a table of first days
/// (`SimulatedTreasury.triggerDay`), so a path records a trigger by index rather than by hashing its
/// id (a string) on every day it holds, and a Monte Carlo path counts its triggers without a
/// dictionary. The positions are `TreasurySimulator.possibleTriggers` in ladder order.
struct TriggerSlots: Sendable {
    /// Every trigger a path can fire, in ladder order.
    let all: [Trigger]
    /// Per loan (input order), its margin call's and liquidation's positions.
    let marginCall: [Int]
    let liquidation: [Int]
    /// Per convertible note (input order), its collateral call's and foreclosure's positions; −1
    /// for an unsecured note, which has neither (only secured notes are tested).
    let noteCall: [Int]
    let noteLiquidation: [Int]
    /// Per covenant (input order), its breach's position.
    let covenant: [Int]
    /// The company-wide triggers' positions.
    let forcedSale: Int
    let defaultEvent: Int
    /// The positions of every margin call (loans' and notes'): the probability map asks whether any fired.
    let marginCalls: [Int]

    /// The positions for a treasury's loans, notes (of which `securedNotes`, by index, can be
    /// called) and covenants, given by id.
    init(loans: [String], notes: [String], securedNotes: [Int], covenants: [String]) {
        var all: [Trigger] = []
        func place(_ kind: Trigger.Kind, _ ref: String) -> Int {
            all.append(Trigger(kind: kind, ref: ref))
            return all.count - 1
        }
        marginCall = loans.map { place(.marginCall, $0) }
        var noteCall = Array(repeating: -1, count: notes.count)
        for i in securedNotes { noteCall[i] = place(.marginCall, notes[i]) }
        liquidation = loans.map { place(.liquidation, $0) }
        var noteLiquidation = Array(repeating: -1, count: notes.count)
        for i in securedNotes { noteLiquidation[i] = place(.liquidation, notes[i]) }
        covenant = covenants.map { place(.covenantBreach, $0) }
        forcedSale = place(.forcedSale, "")
        defaultEvent = place(.defaultEvent, "")
        self.noteCall = noteCall
        self.noteLiquidation = noteLiquidation
        // Ids are unique across instruments and covenants (`Treasury.validate`), so no two
        // positions hold the same trigger and a path records each trigger once.
        self.all = all
        marginCalls = all.indices.filter { all[$0].kind == .marginCall }
    }
}
