import Kernel

extension Billing {
    /// Sends every WhatsApp alert that is due and records each outcome on its inbox item. Returns when the next
    /// pending alert is due (nil when none is pending or WhatsApp is not configured).
    ///
    /// Delivery is at least once: a crash between the Cloud API accepting a message and the outcome's commit
    /// sends it again on restart (the API has no idempotency key).
    @discardableResult
    public func deliverPendingAlerts() async throws -> Timestamp? {
        guard let whatsApp, !isDeliveringAlerts else { return nil }
        isDeliveringAlerts = true
        defer { isDeliveringAlerts = false }
        let policy = AlertRetryPolicy(backoff: settings.alertBackoff, maxAttempts: settings.alertMaxAttempts)
        let due = try await database.read { tx in try Inbox.dueAlerts(at: tx.now, limit: 100, tx) }
        for alert in due {
            let message = WhatsAppMessage(to: alert.to, template: whatsApp.configuration.template(for: alert.notice.type),
                                          bodyParameters: alert.notice.templateParameters)
            var failure: WhatsAppClient.Failure?
            do { try await whatsApp.send(message) } catch { failure = error }
            let next = policy.next(after: failure, attempt: alert.attempts + 1, now: clock.now())
            try await database.write { [failure] tx in
                switch next {
                case .sent: try Inbox.recordAttempt(alert.id, status: .sent, nextAttemptAt: nil, error: nil, tx)
                case .retry(let at): try Inbox.recordAttempt(alert.id, status: .pending, nextAttemptAt: at, error: failure?.description, tx)
                case .failed: try Inbox.recordAttempt(alert.id, status: .failed, nextAttemptAt: nil, error: failure?.description, tx)
                }
            }
            if let failure {
                logger.warning("whatsapp alert not delivered", ["inbox_item": alert.id, "error": failure.description, "next": "\(next)"])
            }
        }
        return try await database.read { tx in try Inbox.nextAlertDue(tx) }
    }

    /// Delivers WhatsApp alerts until the task is cancelled: each pass sends what is due, then sleeps on the clock
    /// until the next retry or the poll interval, whichever is sooner. Returns at once when WhatsApp is not
    /// configured.
    public func runAlertSender() async {
        guard whatsApp != nil else { return }
        while !Task.isCancelled {
            var next: Timestamp?
            do {
                next = try await deliverPendingAlerts()
            } catch {
                logger.error("whatsapp alert pass failed", ["error": "\(error)"])
            }
            let poll = clock.now() + settings.alertPollInterval
            do { try await clock.sleep(until: min(next ?? poll, poll)) } catch { return }
        }
    }
}
