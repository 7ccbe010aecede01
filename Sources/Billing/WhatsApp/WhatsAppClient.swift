import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kernel

/// Sends one template message through the WhatsApp Cloud API: `POST {base}/{phone_number_id}/messages` with the
/// bearer token. No retries here; the alert sender owns the schedule.
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

    let configuration: WhatsAppConfiguration
    private let session: URLSession

    init(configuration: WhatsAppConfiguration, timeout: Duration = .seconds(10)) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = Double(timeout.milliseconds) / 1000
        session = URLSession(configuration: sessionConfiguration)
    }

    func send(_ message: WhatsAppMessage) async throws(Failure) {
        let url = configuration.baseURL.appendingPathComponent(configuration.phoneNumberID).appendingPathComponent("messages")
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("Bearer \(configuration.token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let response: URLResponse, body: Data
        do {
            request.httpBody = try JSON.encode(message)
            (body, response) = try await session.data(for: request)
        } catch {
            throw Failure(status: nil, detail: "\(error)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(status: status, detail: String(decoding: body.prefix(300), as: UTF8.self))
        }
    }
}
