#!/usr/bin/env python3
"""Makes Tests/Upgrades/release-VERSION.db3 and its .json companion with a RELEASE binary of operator-api.

Usage: .build/venv/bin/python Tests/Upgrades/make-fixture.py PATH/TO/operator-api

Runs the binary on two days: day 1 (now) an operator with live and test keys, a live key rotated with
a 7-day grace, a wallet credit, a webhook endpoint on a local receiver, three live clients and one test client,
two brokers linked, a strategy template pushed to the plan and deployed live by two clients, and the webhook
deliveries of all that; day 2 (09:00 UTC two days later, under libfaketime, Debian package `faketime`) the
scheduler's catch-up roll-up of the days that closed meanwhile (a wallet debit). Only day 2 fakes the time: the
release's 1 ms bus timers can stall under libfaketime, and day 2 needs none of them. The WAL is checkpointed into the file at the end. The companion JSON keeps what a
test needs to check that nothing was lost: the keys and the webhook secret as issued, ids, and the counts.
KEEP_FOLDER=DIR keeps the working files (the database and the server logs) in DIR.
"""
import datetime
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from conftest import free_port  # noqa: E402
from support import ADMIN_TOKEN, API, Receiver, wait_for  # noqa: E402

EVENTS = ["user.created", "user.broker_connected", "strategy.deployed", "strategy.paused", "usage.daily",
          "broker.disconnected", "wallet.low_balance"]
TEMPLATE = """---
name: Nifty momentum
instruments: [NIFTY, BANKNIFTY]
capital_required_paise: 5000000
---

Buys when the 9-period average crosses above the 21-period one.
"""


class Release:
    """The release binary serving `db` at a faked wall-clock time (monotonic time stays real)."""

    def __init__(self, binary, db, at=None):
        self.port = free_port()
        env = dict(os.environ, OPERATOR_API_ADMIN_TOKEN=ADMIN_TOKEN,
                   OPERATOR_API_WEBHOOK_ALLOW_PRIVATE="1", OPERATOR_API_WEBHOOK_RETRY_BASE_MS="100")
        faked = ["faketime", "-f", "@" + at.strftime("%Y-%m-%d %H:%M:%S")] if at else []
        self.process = subprocess.Popen(faked + [binary, "serve", "--port", str(self.port), "--db", db],
                                        env=env, stdout=subprocess.DEVNULL, stderr=open(db + ".log", "a"))
        self.base = f"http://127.0.0.1:{self.port}"
        wait_for(self.healthy, 30, message="the release to start")

    def healthy(self):
        try:
            return API(self.base).call("GET", "/healthz").status_code == 200
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def login_token(created_user):
    return urllib.parse.parse_qs(urllib.parse.urlparse(created_user["login_url"]).query)["token"][0]


def day_one(server, receiver):
    admin = API(server.base, ADMIN_TOKEN)
    operator = admin.ok("POST", "/v1/admin/operators", {"name": "Fixture Broking", "slug": "fixture"})
    live, test = API(server.base, operator["keys"]["live"]), API(server.base, operator["keys"]["test"])
    admin.ok("POST", f"/v1/admin/operators/{operator['id']}/wallet/credits", {"amount_paise": 500_000, "reference": "pay_fixture_1"})
    admin.ok("POST", f"/v1/admin/operators/{operator['id']}/wallet/credits", {"amount_paise": 20_000, "reference": "pay_fixture_t", "mode": "test"})
    endpoint = live.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": EVENTS, "description": "fixture receiver"})
    receiver.secret = endpoint["secret"]

    plan = live.ok("GET", "/v1/wl/plans")["data"][0]["id"]
    users = [live.ok("POST", "/v1/wl/users", {"email": f"client{n}@example.com", "phone": f"+91987654321{n}", "plan_id": plan,
                                              "name": f"Client {n}", "external_id": f"crm-{n}"}, {"Idempotency-Key": f"fixture-{n}"})
             for n in range(3)]
    test_plan = test.ok("GET", "/v1/wl/plans")["data"][0]["id"]
    test_user = test.ok("POST", "/v1/wl/users", {"email": "sandbox@example.com", "phone": "+919876500000", "plan_id": test_plan})

    rotated = live.ok("POST", "/v1/wl/api-keys/rotate", {"mode": "live", "expire_old_in_seconds": 604_800})
    live = API(server.base, rotated["secret"])

    sessions = []
    for user in users[:2]:
        session = API(server.base).ok("POST", "/v1/client/login", {"token": login_token(user)})["session_token"]
        API(server.base, session).ok("POST", "/v1/client/broker", {"broker": "zerodha", "client_code": "AB" + user["id"][-4:].upper()})
        sessions.append(API(server.base, session))
    # Strategies learns of the clients over the bus: push once it knows them.
    push = wait_for(lambda: (lambda r: r.status_code == 202 and r.json())(
        live.call("POST", "/v1/wl/strategies/push", {"target": {"plan_id": plan}, "template": TEMPLATE})), 30, interval=0.1, message="the push")
    wait_for(lambda: live.ok("GET", f"/v1/wl/strategy-pushes/{push['id']}")["status"] == "completed", 30, message="the push")
    live_strategies = []
    for client in sessions:
        strategy = client.ok("GET", "/v1/client/strategies")["data"][0]
        # Strategies learns of the broker link over the bus: deploy once it has.
        deploy = lambda: client.call("POST", f"/v1/client/strategies/{strategy['id']}/deploy", {"mode": "live"}).status_code == 200
        wait_for(deploy, 30, interval=0.1, message="the broker link to reach Strategies")
        live_strategies.append(strategy["id"])
    wait_for(lambda: receiver.count() >= 7, 30, message="the day's deliveries")
    return {
        "operator_id": operator["id"],
        "keys": {"live": rotated["secret"], "live_rotated_out": operator["keys"]["live"], "test": operator["keys"]["test"]},
        "webhook_endpoint": {"id": endpoint["id"], "secret": endpoint["secret"]},
        "users": {"live": [u["id"] for u in users], "test": [test_user["id"]]},
        "live_strategies": live_strategies,
    }


def day_two(server, receiver, facts):
    live = API(server.base, facts["keys"]["live"])
    wait_for(lambda: any(e["type"] == "debit" for e in live.ok("GET", "/v1/wl/wallet")["recent_entries"]), 30, message="the roll-up")
    wallet = live.ok("GET", "/v1/wl/wallet")
    deliveries = live.ok("GET", "/v1/wl/webhook-deliveries?limit=100")["data"]
    facts.update({
        "wallet": {"balance_paise": wallet["balance_paise"],
                   "entries": [{"type": e["type"], "amount_paise": e["amount_paise"]} for e in reversed(wallet["recent_entries"])]},
        "deliveries": sorted(d["id"] for d in deliveries),
        "events": sorted(e["id"] for e in live.ok("GET", "/v1/wl/events?limit=100")["data"]),
    })


def main():
    binary = sys.argv[1]
    version = subprocess.check_output([binary, "version"], text=True).split()[-1]
    with tempfile.TemporaryDirectory() as folder:
        folder = os.environ.get("KEEP_FOLDER", folder)
        db = os.path.join(folder, "fixture.sqlite")
        receiver = Receiver()
        day_1 = datetime.datetime.now(datetime.timezone.utc)
        day_2 = datetime.datetime.combine(day_1.date() + datetime.timedelta(days=2), datetime.time(9), datetime.timezone.utc)
        server = Release(binary, db)
        try:
            facts = day_one(server, receiver)
        except Exception:
            print(pathlib.Path(db + ".log").read_text()[-3000:])
            raise
        finally:
            server.stop()
        server = Release(binary, db, day_2)
        try:
            day_two(server, receiver, facts)
        finally:
            server.stop()
            receiver.close()
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        target = HERE / f"release-{version}.db3"
        target.write_bytes(pathlib.Path(db).read_bytes())
    facts.update({"version": version, "made_at": [day_1.isoformat(timespec="seconds"), day_2.isoformat(timespec="seconds")],
                  "clock_ms": int(day_2.timestamp() * 1000) + 3_600_000})
    (HERE / f"release-{version}.json").write_text(json.dumps(facts, indent=2, sort_keys=True) + "\n")
    print(f"wrote {target} ({target.stat().st_size} bytes) and its .json")


if __name__ == "__main__":
    main()
