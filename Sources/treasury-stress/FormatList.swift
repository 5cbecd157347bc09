import ArgumentParser
import Foundation

/// `--format a,b`: each word one of `Format`'s cases, at least one.
func formatList<Format: RawRepresentable & CaseIterable & Hashable>(_ text: String) throws -> Set<Format>
    where Format.RawValue == String {
    let names = Format.allCases.map(\.rawValue).joined(separator: ", ")
    var result = Set<Format>()
    for word in text.split(separator: ",") {
        guard let value = Format(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("--format: \"\(word)\" is not one of \(names)")
        }
        result.insert(value)
    }
    if result.isEmpty { throw ValidationError("--format: give one of \(names) or a comma-separated list") }
    return result
}
