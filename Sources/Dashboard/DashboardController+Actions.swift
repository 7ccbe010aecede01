import Accounts
import HTTPAPI
import Kernel
import Webhooks

extension DashboardController {
    /// Live data or the sandbox.
    func switchMode(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let mode = try Self.mode(request.form)
        try await services.accounts.setMemberSessionMode(token: request.session.token, mode: mode)
        return .done(mode == .test ? "Now showing test data." : "Now showing live data.", location: "/dashboard")
    }

    /// Issues a new key for the chosen mode; the old one retires after the chosen grace period.
    func rotateKey(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let mode = try Self.mode(request.form)
        let issued = try await services.accounts.rotateKey(
            TenantScope(operatorID: request.scope.operatorID, mode: mode), mode: mode, grace: try Self.grace(request.form))
        return .page(try await page(request, flash: DashboardFlash(.notice, "The \(mode.rawValue) key was rotated."), issuedKey: issued))
    }

    /// Sets the receiver's URL, creating the receiver (subscribed to every event) the first time.
    func saveEndpoint(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let url = request.form["url"] ?? ""
        if let endpoint = try await services.receiver(request.scope) {
            _ = try await services.webhooks.updateEndpoint(request.scope, endpoint.id, WebhookEndpointUpdate(url: url))
            return .done("Endpoint URL saved.")
        }
        _ = try await services.webhooks.createEndpoint(request.scope, NewWebhookEndpoint(url: url, events: WebhookEventType.allCases.map(\.rawValue)))
        return .done("Receiver created and subscribed to every event.")
    }

    /// Shows the full signing secret once the member re-enters their password (failures count like sign-ins).
    func revealSecret(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        let (accounts, email, password) = (services.accounts, request.session.member.email, request.form["password"] ?? "")
        let verified = try await services.throttle.passwordAttempt(from: request.context.request.clientAddress) {
            try await accounts.verifyMember(email: email, password: password)
        }
        guard verified != nil else {
            throw DomainError(.unauthenticated, code: .passwordIncorrect, "That password is not correct; the secret stays hidden.")
        }
        let secret = try await services.webhooks.signingSecret(request.scope, endpoint.id)
        return .page(try await page(request, revealedSecret: secret))
    }

    /// A new signing secret, shown once; the old one keeps signing alongside it for the grace period.
    func rotateSecret(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        let rotated = try await services.webhooks.rotateSecret(request.scope, endpoint.id, expireOldIn: try Self.grace(request.form))
        return .page(try await page(request, flash: DashboardFlash(.notice, "New signing secret: copy it now, it is not shown again."),
                                    revealedSecret: rotated.secret))
    }

    /// Turns the receiver back on after the platform disabled it.
    func enableReceiver(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        _ = try await services.webhooks.enableEndpoint(request.scope, endpoint.id)
        return .done("Receiver enabled: events are sent to it again.")
    }

    /// Counts, or sends again, the events of a time range (the form's times are IST).
    func recover(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        guard let since = Self.istTime(request.form["since"]), let until = Self.istTime(request.form["until"]) else {
            throw APIError(.validationFailed, "Choose when the range starts and ends.")
        }
        let dryRun = request.form["dry_run"] != "false"
        switch try await services.webhooks.recover(request.scope, endpointID: endpoint.id, RecoveryRequest(since: since, until: until, dryRun: dryRun)) {
        case .preview(let preview):
            return .done("\(DashboardFormat.count(preview.total)) events in that range would be sent again.")
        case .started(let recovery):
            return .done("Recovery started: \(DashboardFormat.count(recovery.total)) events will be sent again after live deliveries.")
        }
    }

    /// Sends a marked sample event to the receiver and opens its delivery.
    func sendTest(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        let delivery = try await services.webhooks.sendTest(request.scope, endpointID: endpoint.id, type: request.form["type"] ?? "")
        return .done("Test \(delivery.eventType) event sent.", location: "/dashboard?delivery=\(DashboardPage.urlSafe(delivery.id))#inspector")
    }

    /// Pins the sandbox's clock at the present (test mode only: the domain refuses live).
    func freezeTestClock(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let clock = try await services.testClocks.freeze(request.scope, at: nil)
        return .done("Test clock started at \(DashboardFormat.time(clock.currentTime)).", location: "/dashboard")
    }

    /// Moves the sandbox's clock forward by the chosen step; everything due on the way runs before the page comes back.
    func advanceTestClock(_ request: DashboardRequest) async throws -> DashboardOutcome {
        guard let seconds = request.form["by"].flatMap(Int.init), DashboardPage.advanceSteps.contains(where: { $0.seconds == seconds }) else {
            throw APIError(.validationFailed, "Choose how far to advance the clock.")
        }
        let current = try await services.testClocks.clock(request.scope)
        let moved = try await services.testClocks.advance(request.scope, to: (current.frozenTime ?? current.currentTime) + .seconds(seconds))
        let run = moved.advance
        return .done("Advanced to \(DashboardFormat.time(moved.currentTime)): \(run?.work["days_rolled_up"] ?? 0) days rolled up, "
                     + "\(run?.eventsEmitted ?? 0) events.", location: "/dashboard")
    }

    /// Returns the sandbox to real time.
    func deleteTestClock(_ request: DashboardRequest) async throws -> DashboardOutcome {
        _ = try await services.testClocks.remove(request.scope)
        return .done("The sandbox is back on real time.", location: "/dashboard")
    }

    /// Runs the receiver check-up and shows its verdict under the receiver.
    func checkUp(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        let report = try await services.webhooks.checkUp(request.scope, endpointID: endpoint.id)
        let flash = report.verdict == .pass
            ? DashboardFlash(.notice, "Check-up passed: your receiver verifies signatures and timestamps.")
            : DashboardFlash(.error, "Check-up failed: see what to fix under the receiver.")
        return .page(try await page(request, flash: flash, checkUp: report))
    }

    /// Turns one event on or off for the receiver. Turning off the last one pauses the receiver (an endpoint
    /// always names at least one event); turning one on resumes it. Past the quota, the domain's error is shown, word
    /// for word what the API answers.
    func toggleSubscription(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let endpoint = try await requireReceiver(request)
        guard let event = request.form["event"].flatMap(WebhookEventType.init(rawValue:)) else {
            throw APIError(.validationFailed, "Choose one of the event types.")
        }
        let on = request.form["subscribed"] == "true"
        var events = Set(endpoint.enabled ? endpoint.events : [])
        if on { events.insert(event.rawValue) } else { events.remove(event.rawValue) }
        let update = events.isEmpty ? WebhookEndpointUpdate(enabled: false) : WebhookEndpointUpdate(events: events.sorted(), enabled: true)
        _ = try await services.webhooks.updateEndpoint(request.scope, endpoint.id, update)
        return .done("\(event.rawValue) \(on ? "on" : "off").")
    }

    /// Delivers the same event again as a new delivery, which opens in the inspector.
    func replay(_ request: DashboardRequest) async throws -> DashboardOutcome {
        let delivery = try await services.webhooks.replay(request.scope, try request.context.parameters.require("id", prefix: .webhookDelivery))
        return .done("Replayed as \(delivery.id).", location: "/dashboard?delivery=\(DashboardPage.urlSafe(delivery.id))#inspector")
    }

    /// Marks an inbox alert read.
    func markRead(_ request: DashboardRequest) async throws -> DashboardOutcome {
        _ = try await services.billing.markRead(request.scope, try request.context.parameters.require("id", prefix: .inboxItem))
        return .done("Marked read.")
    }

    private func requireReceiver(_ request: DashboardRequest) async throws -> WebhookEndpoint {
        guard let endpoint = try await services.receiver(request.scope) else {
            throw DomainError(.conflict, code: .noReceiver, "Save an endpoint URL first.")
        }
        return endpoint
    }

    private static func mode(_ form: DashboardForm) throws -> Mode {
        guard let mode = form["mode"].flatMap(Mode.init(rawValue:)) else { throw APIError(.validationFailed, "Choose live or test.") }
        return mode
    }

    /// A `datetime-local` field's value (`2026-11-25T18:30`, seconds optional), read as IST.
    static func istTime(_ value: String?) -> Timestamp? {
        guard let value, value.count == 16 || value.count == 19 else { return nil }
        return RFC3339.parse(value + (value.count == 16 ? ":00" : "") + "+05:30")
    }

    private static func grace(_ form: DashboardForm) throws -> Duration {
        guard let seconds = form["grace"].flatMap(Int.init), (0...604_800).contains(seconds) else {
            throw APIError(.validationFailed, "Choose how long the old secret keeps working.")
        }
        return .seconds(seconds)
    }
}
