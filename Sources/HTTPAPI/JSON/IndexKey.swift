/// The coding key of an array element, so a field path can print it as `[3]` rather than as a member name.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue!)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
