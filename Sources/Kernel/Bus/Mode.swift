/// Live or test: the mode of the API key decides the mode of every row and event a request touches.
public enum Mode: String, Sendable, Codable, CaseIterable, SQLValueConvertible, JSONWritable {
    case live
    case test
}
