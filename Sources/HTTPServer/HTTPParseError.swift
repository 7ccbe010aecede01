/// Why a request was refused: the status to answer with and a sentence for the problem's `detail`.
/// The framing of anything after a refused request cannot be trusted, so the connection closes after the answer.
struct HTTPParseError: Error, Equatable, Sendable {
    var status: Int
    var detail: String

    static func badRequest(_ detail: String) -> HTTPParseError { HTTPParseError(status: 400, detail: detail) }
}

extension HTTPParseError {
    static func bodyTooLarge(limit: Int) -> HTTPParseError {
        HTTPParseError(status: 413, detail: "The request body exceeds \(limit) bytes.")
    }

    static func sectionTooLarge(_ section: String, limit: Int) -> HTTPParseError {
        HTTPParseError(status: 431, detail: "The \(section) exceeds \(limit) bytes.")
    }
}
