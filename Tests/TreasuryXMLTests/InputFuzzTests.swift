import Foundation
import Testing
import TreasuryModel
@testable import TreasuryXML

/// A bounded, deterministic mutation fuzzer over the input readers: every example (and a sample
/// report) with bytes flipped, cut, repeated and spliced with XML's sharp edges. Every mutant must
/// be read or refused with an `InputError`; a trap or a crash fails the run.
@Suite struct InputFuzzTests {
    /// xorshift64*: small, seeded, the same sequence on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { n > 0 ? Int(next() % UInt64(n)) : 0 }
    }

    static let splices: [String] = [
        "<", ">", "&", "&amp;", "\"", "'", "/>", "</", "<!DOCTYPE x>", "<!ENTITY e \"x\">", "<?xml version=\"1.0\"?>",
        "xmlns=\"urn:x\"", "1e308", "-1e308", "1e-320", "NaN", "INF", "-0", "0", "99999999999999999999", "\u{0}",
        "\u{202E}", "é", "\u{FFFF}", " ", "\n", "]]>", "<![CDATA[x]]>", "id=\"a\"", "9223372036854775807",
    ]

    static func mutate(_ bytes: [UInt8], _ g: inout Generator) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + g.below(3)) {
            guard !out.isEmpty else { break }
            let at = g.below(out.count)
            switch g.below(5) {
            case 0: out[at] ^= UInt8(truncatingIfNeeded: 1 << g.below(8))
            case 1: out.removeSubrange(at..<min(out.count, at + 1 + g.below(40)))
            case 2: out.insert(contentsOf: out[at..<min(out.count, at + 1 + g.below(60))], at: at)
            case 3: out.insert(contentsOf: Array(splices[g.below(splices.count)].utf8), at: at)
            default: out = Array(out[..<at])
            }
        }
        return out
    }

    @Test(arguments: [
        ("examples/strategy-like.xml", 3000), ("examples/nakamoto-like.xml", 3000), ("examples/ibit-fund.xml", 2000),
        ("examples/scenarios-2026Q1.xml", 2000), ("examples/batch-2026Q1.xml", 1500), ("examples/strategy-variants.xml", 1500),
        ("reports/samples/nakamoto-like.xml", 150),
    ])
    func readersNeverTrap(_ file: String, _ iterations: Int) throws {
        let original = [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent(file)))
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(file.utf8.count))
        var refused = 0
        for _ in 0..<iterations {
            let mutant = Self.mutate(original, &g)
            do {
                _ = try InputReader.validate(mutant, fileName: "fuzz.xml")
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("fuzz.xml"), "unlocated: \(error)")
            }
        }
        #expect(refused > 0)
    }
}
