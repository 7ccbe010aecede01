"""Failover: two `serve` replicas on one PostgreSQL database behind a client that spreads requests over both and sends
a failed request again to the other replica with the same `Idempotency-Key`. Under mixed load (user creations with
idempotency keys, strategy deploys, webhook deliveries to a local receiver, a sandbox roll-up of several days)
one replica is killed with SIGKILL several times and started again. Then: no acknowledged user is missing and none
exists twice, no day is billed twice, every event reached the receiver at least once (deduplicated by `webhook-id`),
and after each kill the surviving replica's deliveries arrived within 10 s."""
import collections
import datetime
import itertools
import time

import pytest
import requests

from conftest import Server, postgres_database
from support import API, LoadThreads, Receiver, all_pages, new_user, seed_operator, unique, wait_for, STRATEGY_TEMPLATE

pytestmark = pytest.mark.postgres

KILLS = 4
CREATORS = 5  # threads creating users at once, so that the replicas' commits interleave
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}
EVENTS = ["user.created", "user.broker_connected", "strategy.deployed", "usage.daily"]
ENV = {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100",
       "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS": "100000000"}


class Spread:
    """A client in front of the replicas: request n goes to replica n mod 2; a connection error, a 5xx or a 409 (the
    key is in flight on a replica that died) is sent again, with the same headers (so the same Idempotency-Key), to
    the next replica, until one answers or 30 s pass."""

    def __init__(self, replicas):
        self.replicas, self.turn = replicas, itertools.count()

    def send(self, method, path, body=None, headers=None, timeout=30):
        deadline, first = time.monotonic() + timeout, next(self.turn)
        for attempt in itertools.count():
            replica = self.replicas[(first + attempt) % len(self.replicas)]
            try:
                response = requests.request(method, replica.base + path, json=body, headers=headers or {}, timeout=5)
                if response.status_code != 409 and response.status_code < 500:
                    return response
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} {path}: no replica answered in {timeout}s")
            time.sleep(0.05)

    def api(self, token):
        spread = self

        class Bound:
            def ok(self, method, path, body=None, headers=None):
                response = spread.send(method, path, body, dict({"Authorization": f"Bearer {token}"}, **(headers or {})))
                assert response.status_code < 300, f"{method} {path} → {response.status_code} {response.text}"
                return response.json()
        return Bound()


class MixedLoad(LoadThreads):
    """Threads sending through the spreading client: user creations under idempotency keys, and strategy deploys (a
    client connects a broker, gets a pushed strategy and deploys it live)."""

    def __init__(self, spread, key, plan_id):
        self.spread, self.key, self.plan_id = spread, key, plan_id
        self.created = {}      # idempotency key → user id acknowledged
        self.deployed = []     # (client session, strategy id) acknowledged live
        self.logins_lost = 0   # one-time login tokens spent by a request whose answer died with its replica
        super().__init__([self.create_users] * CREATORS + [self.deploy_strategies], repeat=True)

    def create_users(self):
        key = unique("failover-")
        headers = {"Authorization": f"Bearer {self.key}", "Idempotency-Key": key}
        response = self.spread.send("POST", "/v1/wl/users", dict(new_user(self.plan_id), external_id=key), headers)
        assert response.status_code == 201, response.text
        self.created[key] = response.json()["id"]

    def deploy_strategies(self):
        operator = self.spread.api(self.key)
        user = operator.ok("POST", "/v1/wl/users", new_user(self.plan_id), {"Idempotency-Key": unique("deploy-")})
        token = user["login_url"].split("token=")[1].split("&")[0]
        login = self.spread.send("POST", "/v1/client/login", {"token": token})
        if login.status_code != 200:
            self.logins_lost += 1
            return
        client = self.spread.api(login.json()["session_token"])
        client.ok("POST", "/v1/client/broker", {"broker": "zerodha", "client_code": "AB1234"})
        wait_for(lambda: self.push(user["id"]), 15, message="Strategies knows the new client")
        strategy = wait_for(lambda: client.ok("GET", "/v1/client/strategies")["data"], 15, message="the pushed strategy")[0]
        client.ok("POST", f"/v1/client/strategies/{strategy['id']}/deploy", {"mode": "live"})
        self.deployed.append((login.json()["session_token"], strategy["id"]))

    def push(self, user_id):
        """Pushes the template to the client: False while Strategies has not yet heard of it (it learns clients from
        `user.created` on the bus, a moment later, or once a replica took over a killed one's subscriber lease)."""
        response = self.spread.send("POST", "/v1/wl/strategies/push", {"target": {"user_id": user_id}, "template": STRATEGY_TEMPLATE},
                                    {"Authorization": f"Bearer {self.key}", "Idempotency-Key": unique("push-")})
        if response.status_code == 404 and response.json().get("code") == "user_not_found":
            return False
        assert response.status_code < 300, f"push → {response.status_code} {response.text}"
        return True


def test_two_replicas_survive_repeated_sigkills_without_losing_or_doubling_anything(binary, tmp_path):
    db = postgres_database()
    receiver = Receiver()
    first = Server(binary, tmp_path, ENV, db=db, log_name="replica-1.log")
    second = Server(binary, tmp_path, ENV, db=db, log_name="replica-2.log")
    replicas = [first, second]
    spread = Spread(replicas)
    try:
        operator = seed_operator(first.base, QUOTAS)
        key = operator["keys"]["test"]
        api = spread.api(key)
        receiver.secret = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": EVENTS})["secret"]
        plan = api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"]
        api.ok("POST", "/v1/wl/test-clock", {})
        load = MixedLoad(spread, key, plan)
        load.start()

        resumed = []
        for kill in range(KILLS):
            victim, survivor = replicas[kill % 2], replicas[(kill + 1) % 2]
            time.sleep(1.5)  # let the load run between kills; not a synchronisation
            victim.kill()
            killed_at = time.monotonic()
            probe = API(survivor.base, key).ok("POST", "/v1/wl/users", new_user(plan))
            wait_for(lambda: any(probe["id"] in r["body"].decode() for r in list(receiver.received)), 15, interval=0.05,
                     message=f"a delivery after kill {kill + 1}")
            resumed.append(time.monotonic() - killed_at)
            if kill == 1:
                # The sandbox's roll-up of three days while one replica is down and the other serves.
                frozen = datetime.datetime.fromisoformat(api.ok("GET", "/v1/wl/test-clock")["frozen_time"].replace("Z", "+00:00"))
                api.ok("POST", "/v1/wl/test-clock/advance", {"to": (frozen + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")})
            victim.start()
        load.finish()

        users = all_pages(api, "/v1/wl/users")
        per_key = collections.Counter(u.get("external_id") for u in users if u.get("external_id"))
        assert [k for k, n in per_key.items() if n > 1] == [], "an idempotency key made two users"
        assert [k for k in load.created if per_key[k] != 1] == [], "an acknowledged user is missing"
        for session, strategy in load.deployed:
            states = {s["id"]: s["status"] for s in spread.api(session).ok("GET", "/v1/client/strategies")["data"]}
            assert states.get(strategy) == "live", f"acknowledged deploy of {strategy} lost: {states.get(strategy)}"

        doubled = first.query("SELECT COUNT(*) FROM (SELECT 1 FROM billing_rollups GROUP BY operator_id, mode, date HAVING COUNT(*) > 1) AS d")
        assert doubled == [("0",)], "a day was rolled up twice"
        doubled = first.query("SELECT COUNT(*) FROM (SELECT 1 FROM billing_wallet_entries WHERE type = 'debit' "
                              "GROUP BY operator_id, mode, reason, reference HAVING COUNT(*) > 1) AS d")
        assert doubled == [("0",)], "a day was billed twice"
        assert int(first.query("SELECT COUNT(*) FROM billing_rollups WHERE mode = 'test'")[0][0]) >= 3, "the roll-up did not run"

        events = [e for e in all_pages(api, "/v1/wl/events") if e["type"] in EVENTS]
        wait_for(lambda: {e["id"] for e in events} <= receiver.ids(), 30, interval=0.2, message="every event at the receiver")
        assert receiver.bad_signatures == 0
        assert max(resumed) <= 10, f"deliveries resumed {resumed} s after the kills"
        print(f"\nfailover: {KILLS} kills, {len(load.created)} users, {len(load.deployed)} deploys, {load.logins_lost} logins "
              f"lost, {len(events)} events, {receiver.count()} receptions, deliveries resumed after {[round(r, 2) for r in resumed]} s")
    finally:
        for replica in replicas:
            replica.stop()
        receiver.close()
