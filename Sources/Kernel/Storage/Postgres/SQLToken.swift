/// One lexical piece of an SQL text, as far as ``SQLTranslator`` needs to tell them apart: words (keywords and
/// names), `?` placeholders, and everything it copies as it is (quoted strings and names, comments, numbers,
/// spaces, punctuation).
struct SQLToken: Equatable {
    enum Kind: Equatable {
        /// A keyword or a bare name: letters, digits, `_` and `$`, not starting with a digit or `$`.
        case word
        /// A `?` parameter.
        case placeholder
        /// `'…'` (with `''` inside), `"…"`, a comment, a number, spaces: copied, never looked into.
        case opaque
        /// Spaces and comments: copied, and skipped when looking for the next meaningful token.
        case space
        /// One punctuation character: `(`, `)`, `,`, `;`, `.`, operators.
        case symbol
    }

    let kind: Kind
    let text: Substring

    /// Whether this is the word `keyword`, in any case.
    func isWord(_ keyword: String) -> Bool {
        kind == .word && text.count == keyword.count && text.uppercased() == keyword
    }

    func isSymbol(_ character: Character) -> Bool {
        kind == .symbol && text.first == character
    }

    /// Splits `sql` into tokens; concatenating their texts gives `sql` back.
    static func tokenize(_ sql: String) -> [SQLToken] {
        var tokens = [SQLToken]()
        var i = sql.startIndex
        func take(_ kind: Kind, upTo end: String.Index) {
            tokens.append(SQLToken(kind: kind, text: sql[i..<end]))
            i = end
        }
        func end(after start: String.Index, while condition: (Character) -> Bool) -> String.Index {
            var j = start
            while j < sql.endIndex, condition(sql[j]) { j = sql.index(after: j) }
            return j
        }
        while i < sql.endIndex {
            let c = sql[i]
            let next = sql.index(after: i)
            let following = next < sql.endIndex ? sql[next] : nil
            if c.isWhitespace {
                take(.space, upTo: end(after: i) { $0.isWhitespace })
            } else if c == "-", following == "-" {
                take(.space, upTo: end(after: i) { $0 != "\n" })
            } else if c == "/", following == "*" {
                let close = sql[sql.index(after: next)...].range(of: "*/")?.upperBound ?? sql.endIndex
                take(.space, upTo: close)
            } else if c == "'" || c == "\"" {
                take(.opaque, upTo: quotedEnd(sql, from: i))
            } else if c == "?" {
                take(.placeholder, upTo: next)
            } else if c.isLetter || c == "_" {
                take(.word, upTo: end(after: i) { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" })
            } else if c.isNumber {
                take(.opaque, upTo: end(after: i) { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
            } else {
                take(.symbol, upTo: next)
            }
        }
        return tokens
    }

    /// The end of the quoted string or name starting at `start`; a doubled quote is one quote inside it.
    private static func quotedEnd(_ sql: String, from start: String.Index) -> String.Index {
        let quote = sql[start]
        var j = sql.index(after: start)
        while j < sql.endIndex {
            if sql[j] == quote {
                let after = sql.index(after: j)
                if after < sql.endIndex, sql[after] == quote {
                    j = sql.index(after: after)
                    continue
                }
                return after
            }
            j = sql.index(after: j)
        }
        return sql.endIndex
    }
}
