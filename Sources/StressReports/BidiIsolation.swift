/// Keeps right-to-left text and bidirectional controls in user strings (treasury, instrument,
/// scenario and file names) from reordering the text around them.
///
/// A name holding U+202E (RIGHT-TO-LEFT OVERRIDE) reversed the page title and the line after it:
/// an override runs to the end of its paragraph, across element boundaries. Such a string is
/// wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069), which closes
/// every embedding and override opened inside it (Unicode Bidirectional Algorithm, UAX #9, rule
/// BD8 and X6a) and works in `<title>`, SVG text and attributes alike, where `<bdi>` cannot go.
/// Left-to-right strings are returned unchanged, so ordinary pages are byte-for-byte the same.
enum BidiIsolation {
    static let firstStrongIsolate: Character = "\u{2068}"
    static let popDirectionalIsolate: Character = "\u{2069}"

    /// `text` isolated when it holds a right-to-left letter or a bidirectional control.
    static func isolate(_ text: String) -> String {
        needsIsolation(text) ? String(firstStrongIsolate) + text + String(popDirectionalIsolate) : text
    }

    /// Whether `text` holds a character that can reorder its neighbours: explicit marks,
    /// embeddings, overrides and isolates, or a letter of a right-to-left script.
    static func needsIsolation(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // controls and marks
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true        // Hebrew, Arabic, Syriac, Thaana, N'Ko…
            case 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true                      // historic RTL scripts, Adlam…
            default: return false
            }
        }
    }

    /// Every string leaf of a Mustache view model isolated, except the values of `markupKeys`
    /// (pre-rendered SVG and the style sheet, whose own text is isolated where it is built).
    static func isolateStrings(in value: Any, markupKeys: Set<String> = ["css", "svg", "chart", "ladderChart"]) -> Any {
        switch value {
        case let text as String:
            return isolate(text)
        case let dictionary as [String: Any]:
            var out: [String: Any] = [:]
            for (key, item) in dictionary { out[key] = markupKeys.contains(key) ? item : isolateStrings(in: item, markupKeys: markupKeys) }
            return out
        case let array as [Any]:
            return array.map { isolateStrings(in: $0, markupKeys: markupKeys) }
        default:
            return value
        }
    }
}
