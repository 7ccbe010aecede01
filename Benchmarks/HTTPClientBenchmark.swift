import HTTPClient

/// The HTTP client alone, without the webhook dispatcher: what it sustains bounds what the delivery path can.
enum HTTPClientBenchmark {
    /// `count` POSTs of a webhook-sized body to nginx on loopback from `concurrency` tasks (one pooled connection
    /// each), plain and over TLS: requests/s.
    static func requests(count: Int = 20_000, concurrency: Int = 8) async throws -> [String: Double] {
        let nginx = try LocalNginx()
        defer { nginx.stop() }
        var trusting = HTTPClientConfiguration()
        trusting.trustedCertificates = [nginx.certificatePEM]
        return ["requests/s": try await requestsPerSecond(HTTPClient(), nginx.url, count: count, concurrency: concurrency),
                "requests/s over TLS": try await requestsPerSecond(HTTPClient(configuration: trusting), nginx.tlsURL, count: count, concurrency: concurrency)]
    }

    private static func requestsPerSecond(_ client: HTTPClient, _ url: String, count: Int, concurrency: Int) async throws -> Double {
        defer { client.shutdown() }
        let body = Array(#"{"id":"evt_0123456789abcdef","object":"event","type":"user.created","data":{"user_id":"usr_1"}}"#.utf8)
        let request = HTTPClientRequest(method: "POST", url: url, headers: [("content-type", "application/json")], body: body)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    for _ in 0..<(count / concurrency) {
                        let response = try await client.execute(request, timeout: .seconds(10))
                        precondition(response.status == 204, "nginx answered \(response.status)")
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count / concurrency * concurrency) / (ContinuousClock.now - start).seconds
    }
}
