import Kernel

extension Services {
    /// Everything that runs in the background, in start order: the bus first (so it stops last, after everything
    /// that publishes), then the loops, then the workers that call out. `serve` adds the HTTP server after them.
    public func backgroundServices(logger: Logger) -> [any Service] {
        let (bus, accounts, strategies, billing, webhooks, rateLimit) = (bus, accounts, strategies, billing, webhooks, rateLimit)
        let clock = database.clock
        var services: [any Service] = [
            BackgroundService.started("bus", start: { await bus.start() }, stop: { await bus.stop() }),
            BackgroundService("bus.outbox-pruner") { await Self.pruneOutbox(bus, clock: clock, logger: logger) },
            BackgroundService("ratelimit.persistence") { await rateLimit.runPersistenceLoop(logger: logger) },
            BackgroundService("accounts.maintenance") { await accounts.runMaintenanceLoop(logger: logger) },
            BackgroundService("billing.rollups") { await billing.runRollupScheduler(bus: bus) },
        ]
        if configuration.whatsApp != nil {
            services.append(BackgroundService("billing.whatsapp-alerts") { await billing.runAlertSender() })
        }
        services += [
            BackgroundService.started("strategies.push-worker", start: { await strategies.startPushWorker() },
                                      stop: { await strategies.stopPushWorker() }),
            BackgroundService.started("webhooks.dispatcher", start: { await webhooks.dispatcher.start() },
                                      stop: { await webhooks.dispatcher.stop(drainTimeout: .seconds(5)) }),
        ]
        return services
    }

    /// Prunes the outbox once an hour (events are kept 30 days for the events API and replays).
    private static func pruneOutbox(_ bus: EventBus, clock: any WallClock, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let pruned = try await bus.prune()
                if pruned > 0 { logger.info("outbox pruned", ["events": "\(pruned)"]) }
                try await clock.sleep(for: .seconds(3600))
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox prune failed", ["error": "\(error)"])
                try? await clock.sleep(for: .seconds(3600))
            }
        }
    }
}
