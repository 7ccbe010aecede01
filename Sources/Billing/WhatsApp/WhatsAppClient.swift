import HTTPClient
import Kernel

/// Sends one template message through the WhatsApp Cloud API: `POST {base}/{phone_number_id}/messages` with the
/// bearer token, on the project's HTTP client (the URL is the platform's own configuration, so any address is
/// permitted). No retries here; the alert sender owns the schedule.
struct WhatsAppClient: Sendable {
    /// Why a send did not go through.
    struct Failure: Error, Equatable, CustomStringConvertible {
        /// The HTTP status, or nil when no response arrived (connection refused, timeout).
        let status: Int?
        let detail: String

        /// A 4xx other than 408 and 429 means the request itself is wrong (number, template, token): retrying
        /// cannot help. Everything else is worth another try.
        var isPermanent: Bool {
            guard let status else { return false }
            return (400..<500).contains(status) && status != 408 && status != 429
        }

        var description: String { status.map { "HTTP \($0): \(detail)" } ?? detail }
    }

    /// The most of an error answer kept as its detail.
    static let maxDetailBytes = 300

    let configuration: WhatsAppConfiguration
    private let client = HTTPClient()
    private let timeout: Duration

    init(configuration: WhatsAppConfiguration, timeout: Duration = .seconds(10)) {
        self.configuration = configuration
        self.timeout = timeout
    }

    func send(_ message: WhatsAppMessage) async throws(Failure) {
        let url = configuration.baseURL.appendingPathComponent(configuration.phoneNumberID).appendingPathComponent("messages")
        let response: HTTPClientResponse
        do {
            let request = HTTPClientRequest(
                method: "POST", url: url.absoluteString,
                headers: [("Authorization", "Bearer \(configuration.token)"), ("Content-Type", "application/json")],
                body: Array(try JSON.encode(message)), maxResponseBodyBytes: Self.maxDetailBytes)
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw Failure(status: nil, detail: "\(error)")
        }
        guard (200..<300).contains(response.status) else {
            throw Failure(status: response.status, detail: String(decoding: response.body, as: UTF8.self))
        }
    }
}
