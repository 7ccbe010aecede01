/// HTML escaping: every value that did not come from this file's own literals goes through ``escape(_:)``.
enum HTML {
    /// Text safe inside an element or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// The hidden CSRF field every dashboard form carries.
    static func csrfField(_ token: String) -> String {
        #"<input type="hidden" name="csrf" value="\#(escape(token))">"#
    }

    /// A `<select>` of grace periods for rotations (the old secret keeps working this long).
    static func graceSelect(id: String) -> String {
        let options = [("0", "Immediately"), ("3600", "After 1 hour"), ("86400", "After 24 hours"), ("604800", "After 7 days")]
        return #"<label for="\#(id)">Old one stops working</label><select id="\#(id)" name="grace">"#
            + options.map { #"<option value="\#($0.0)"\#($0.0 == "86400" ? " selected" : "")>\#($0.1)</option>"# }.joined()
            + "</select>"
    }

    /// A button that copies the text of the element `target` (see `app.js`).
    static func copyButton(target: String, label: String = "Copy") -> String {
        #"<button type="button" class="small" data-copy="\#(target)" aria-label="\#(escape(label)) to the clipboard">Copy</button>"#
    }
}
