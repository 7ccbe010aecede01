/// The words of one alert, shared by its inbox item and its WhatsApp message so both say the same: a title and a
/// body for the inbox, and the parameters of the alert's WhatsApp template.
protocol AlertNotice: Sendable {
    /// The event that raised it, e.g. `wallet.low_balance`; also the inbox item's `type`.
    var type: String { get }
    var title: String { get }
    var body: String { get }
    var templateParameters: [String] { get }
    /// The item's `data`: what the raising event said.
    var data: InboxItemData { get }
}
