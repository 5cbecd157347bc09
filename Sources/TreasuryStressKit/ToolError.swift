public import TreasuryModel

/// A failure of a command, with the exit status it maps to (sysexits: 64 usage, 65 bad input,
/// 70 internal) and a message that says what to fix.
public enum ToolError: Error, CustomStringConvertible {
    /// An input file is unreadable, malformed, invalid or meaningless.
    case input(InputError)
    /// The command line is wrong.
    case usage(String)
    /// Something the tool should have prevented (a bug, an unwritable output folder).
    case `internal`(String)

    /// The process exit status.
    public var exitCode: Int32 {
        switch self {
        case .input: return 65
        case .usage: return 64
        case .internal: return 70
        }
    }

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .usage(let message): return "usage: \(message)"
        case .internal(let message): return "internal error: \(message)"
        }
    }
}
