"""Crash durability: SIGKILL the server at random moments under a mixed write load, restart it, and check nothing
committed was lost or done twice.

Load: user creations with an `Idempotency-Key` (retried with the same key after a connection error or a 409/5xx),
client sessions linking brokers, and one endpoint subscribed to every event type on a local receiver that verifies
signatures and logs `webhook-id`. After ≥ 20 kill/restart cycles (≥ 50 with LONG=1), a final restart and a bounded
drain: every event in `GET /v1/wl/events` reached the receiver, no key made two users, SQLite's integrity check
says `ok` (on SQLite), and no wallet debit or roll-up exists twice.
"""
import collections
import os
import random
import time

import requests

from conftest import Server
from support import LONG, API, LoadThreads, Receiver, all_pages, new_user, seed_operator, unique, wait_for

CYCLES = 50 if LONG else 20
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}
EVENTS = ["user.created", "user.broker_connected", "strategy.deployed", "strategy.paused", "usage.daily",
          "broker.disconnected", "wallet.low_balance"]


def until_answered(send, timeout=60):
    """Sends again while the server is down or restarting (connection errors, 409 in-use, 5xx) or asks to slow down
    (429 from the per-address client quota, after its `Retry-After`); the final answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pause = 0.05  # backoff while the server restarts
        try:
            response = send()
            if response.status_code == 429:
                pause = float(response.headers.get("Retry-After", 1))
            elif response.status_code != 409 and response.status_code < 500:
                return response
        except requests.RequestException:
            pass
        time.sleep(pause)
    raise AssertionError("the server never answered")


class WriteLoad(LoadThreads):
    """Two threads: user creations under idempotency keys, and broker links through the created users' sessions."""

    def __init__(self, base, key, plan_id):
        self.base, self.key, self.plan_id = base, key, plan_id
        self.created = {}        # idempotency key → user id the API answered
        self.linked, self.logins_lost = 0, 0
        self.pending_logins = collections.deque()
        super().__init__([self.create_users, self.link_brokers])

    def post(self, path, body, headers):
        return requests.post(self.base + path, json=body, headers=headers, timeout=5)

    def create_users(self):
        while not self.stop.is_set():
            key = unique("crash-key-")
            body = dict(new_user(self.plan_id), external_id=key)
            headers = {"Authorization": f"Bearer {self.key}", "Idempotency-Key": key}
            response = until_answered(lambda: self.post("/v1/wl/users", body, headers))
            assert response.status_code == 201, response.text
            self.created[key] = response.json()["id"]
            self.pending_logins.append(response.json()["login_url"])

    def link_brokers(self):
        while not self.stop.is_set() or self.pending_logins:
            if not self.pending_logins:
                time.sleep(0.01)
                continue
            token = self.pending_logins.popleft().split("token=")[1].split("&")[0]
            login = until_answered(lambda: self.post("/v1/client/login", {"token": token}, {}))
            if login.status_code != 200:  # killed after the one-time token was spent but before we heard back
                self.logins_lost += 1
                continue
            session = login.json()["session_token"]
            link = {"broker": "zerodha", "client_code": f"AB{random.randint(1000, 9999)}"}
            response = until_answered(lambda: self.post("/v1/client/broker", link, {"Authorization": f"Bearer {session}"}))
            assert response.status_code == 200, response.text
            self.linked += 1


def test_sigkill_under_write_load_loses_nothing_and_doubles_nothing(binary, tmp_path):
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    moments = random.Random(seed)
    server = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100"})
    receiver = Receiver()
    try:
        operator = seed_operator(server.base, QUOTAS)
        api = API(server.base, operator["keys"]["test"])
        receiver.secret = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": EVENTS})["secret"]
        load = WriteLoad(server.base, operator["keys"]["test"], api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"])
        load.start()
        for _ in range(CYCLES):
            time.sleep(moments.uniform(0.05, 0.6))  # a random moment to pull the plug, not a synchronisation
            server.kill()
            server.start()
        load.finish()
        server.kill()
        server.start()

        events = all_pages(api, "/v1/wl/events")
        event_ids = {e["id"] for e in events}
        wait_for(lambda: event_ids <= receiver.ids(), 90, interval=0.2, message="every committed event at the receiver")
        assert receiver.bad_signatures == 0

        users = all_pages(api, "/v1/wl/users")
        per_key = collections.Counter(u.get("external_id") for u in users)
        assert [k for k, n in per_key.items() if n > 1] == [], "an idempotency key produced two users"
        assert all(per_key[key] == 1 for key in load.created), "an acknowledged user is missing"
        assert {u["id"] for u in users} >= set(load.created.values())
        assert load.linked > 0 and len(load.created) > CYCLES
    finally:
        server.stop()
        receiver.close()

    if not server.on_postgres:
        assert server.query("PRAGMA integrity_check") == [("ok",)]
    doubled_rollups, doubled_debits, rollups, debits = (int(server.query(q)[0][0]) for q in (
        "SELECT COUNT(*) FROM (SELECT 1 FROM billing_rollups GROUP BY operator_id, mode, date HAVING COUNT(*) > 1) AS d",
        "SELECT COUNT(*) FROM (SELECT 1 FROM billing_wallet_entries WHERE type = 'debit' "
        "GROUP BY operator_id, mode, reason, reference HAVING COUNT(*) > 1) AS d",
        "SELECT COUNT(*) FROM billing_rollups", "SELECT COUNT(*) FROM billing_wallet_entries WHERE type = 'debit'"))
    assert doubled_rollups == 0 and doubled_debits == 0
    print(f"\ncrash durability: seed {seed}, {CYCLES} SIGKILL cycles, {len(load.created)} users, {load.linked} broker links, "
          f"{load.logins_lost} login tokens spent by a kill, {len(events)} events checked, {receiver.count()} receptions, "
          f"{rollups} roll-ups and {debits} debits (none run: the no-double check is trivially true)")
