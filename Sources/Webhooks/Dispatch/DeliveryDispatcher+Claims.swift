import Kernel

/// The dispatcher among replicas: looking for due work it was not told about, and keeping its claims alive.
extension DeliveryDispatcher {
    /// Every ``Webhooks/Settings/discoveryInterval`` on the injected clock: polls the due set, and renews this
    /// replica's claims once ``Webhooks/Settings/claimRenewal`` passed since the last renewal.
    func keepClaims() async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: settings.discoveryInterval) } catch { return }
            await poll()
            await renewClaims()
        }
    }

    /// Reads which endpoints have due deliveries this replica may claim (another replica created them, or died
    /// holding them) and which recoveries still have deliveries to create, and takes them in.
    func poll() async {
        let replica = self.replica
        do {
            let (endpoints, running) = try await database.read { tx in
                (try DueDeliveries.claimableEndpoints(replica: replica, tx), try Recoveries.running(tx))
            }
            for (endpoint, tenant) in endpoints { notices.touch(endpoint, tenant: tenant) }
            for recovery in running where !recovery.fullyFed { notices.started(recovery) }
        } catch {
            logger.error("webhook dispatcher cannot look for due deliveries", ["error": "\(error)"])
        }
        pump()
    }

    /// Moves this replica's leases on, while it holds deliveries.
    private func renewClaims() async {
        let now = clock.now()
        guard scheduler.holdsItems, lastRenewal.map({ now >= $0 + settings.claimRenewal }) ?? true else { return }
        let replica = self.replica, lease = settings.claimLease
        do {
            try await database.write { tx in try DeliveryClaims.renew(DeliveryClaims.Lease(replica: replica, until: tx.wallNow + lease), tx) }
            lastRenewal = now
            claimsHeldUntil = now + lease
        } catch {
            logger.error("webhook dispatcher cannot renew its claims", ["error": "\(error)"])
        }
    }

    /// Starts no attempt on a claim that may have run out: when this replica could not renew in time (its database
    /// was unreachable, the process stalled), another replica may have taken its queued deliveries over, and sending
    /// one now would send it twice and, for an ordered lane, out of order. So with less than a renewal period left,
    /// what is queued is forgotten and read again: the fetch returns what is still (or again) this replica's. This
    /// margin also covers clock skew between replicas (their clocks must agree to within a second or so: NTP).
    func forgetQueuedIfClaimsLapse(now: Timestamp) {
        guard let until = claimsHeldUntil, now >= until - settings.claimRenewal else { return }
        claimsHeldUntil = nil
        scheduler.forgetQueued(now: now)
    }

    /// Gives up this replica's claims (it stopped with nothing in flight): other replicas need not wait for the lease.
    func releaseClaims() async {
        let replica = self.replica
        do {
            try await database.write { tx in try DeliveryClaims.release(replica, tx) }
        } catch {
            logger.error("webhook dispatcher cannot release its claims", ["error": "\(error)"])
        }
    }
}
