extension StringProtocol where SubSequence == Substring {
    /// Without leading and trailing whitespace (Unicode's definition, as `Character.isWhitespace` gives it).
    func trimmingWhitespace() -> Substring {
        let head = drop { $0.isWhitespace }
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)].isWhitespace { end = head.index(before: end) }
        return head[..<end]
    }
}
