import Kernel

extension Services {
    /// Everything that runs in the background, in start order: the bus first (so it stops last, after everything
    /// that publishes), then the loops, then the workers that call out. `serve` adds the HTTP server after them.
    ///
    /// With several replicas on one PostgreSQL database, the bus runs each subscriber on one replica at a time (its
    /// own leases), and the loops that must happen once (the outbox pruner, the maintenance loop with its purges, the
    /// roll-up scheduler, the WhatsApp alert sender) run under a lease each. On every replica: the rate limiter's
    /// persistence (each writes its own buckets), the webhook dispatcher (deliveries are claimed), and the strategies
    /// push worker (each batch reads the next pending push and advances it in one write transaction, and write
    /// transactions run one at a time across replicas, so two workers never run the same batch).
    public func backgroundServices(logger: Logger) -> [any Service] {
        let (bus, accounts, strategies, billing, webhooks, rateLimit) = (bus, accounts, strategies, billing, webhooks, rateLimit)
        let (clock, database) = (database.clock, database)
        var services: [any Service] = [
            BackgroundService.started("bus", start: { await bus.start() }, stop: { await bus.stop() }),
            BackgroundService.leased("bus.outbox-pruner", on: database) { await Self.pruneOutbox(bus, clock: clock, logger: logger) },
            BackgroundService("ratelimit.persistence") { await rateLimit.runPersistenceLoop(logger: logger) },
            BackgroundService.leased("accounts.maintenance", on: database) { await accounts.runMaintenanceLoop(logger: logger) },
            BackgroundService.leased("billing.rollups", on: database) { await billing.runRollupScheduler(bus: bus) },
        ]
        if configuration.whatsApp != nil {
            services.append(BackgroundService.leased("billing.whatsapp-alerts", on: database) { await billing.runAlertSender() })
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
