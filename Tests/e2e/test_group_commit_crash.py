"""Group commit under `kill -9`: with `--durability full` every write a client saw acknowledged is on disk, however
many writes shared its commit, and a write that failed inside a group left nothing behind.

32 clients create users at once, each under its own Idempotency-Key; one request in five reuses a taken email and
fails inside its write transaction (409 `email_taken`) while the others of its group commit. `/metrics` shows that
writes did share commits (group commit at work) just before SIGKILL lands in the middle of the load. After a
restart: every acknowledged user exists with the id the API answered and has its `user.created` event; no failed
request left a user or an event.
"""
import json
import re
import threading

import requests

from conftest import Server
from support import API, all_pages, new_user, seed_operator, unique, wait_for

CLIENTS = 32
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}


class CreateLoad:
    """CLIENTS threads creating users until told to stop; every answer is recorded by the request's external id."""

    def __init__(self, base, key, plan, taken_email):
        self.base, self.key, self.plan, self.taken = base, key, plan, taken_email
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged, self.failed, self.unexpected = {}, set(), []
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(CLIENTS)]

    def run(self):
        session = requests.Session()
        n = 0
        while not self.stop.is_set():
            n += 1
            external = unique("gc-")
            body = dict(new_user(self.plan), external_id=external)
            if n % 5 == 0:
                body["email"] = self.taken
            headers = {"Authorization": f"Bearer {self.key}", "Idempotency-Key": external}
            try:
                response = session.post(self.base + "/v1/wl/users", json=body, headers=headers, timeout=10)
            except requests.RequestException:
                return  # the server is gone: what it acknowledged before is what counts
            with self.lock:
                if response.status_code == 201:
                    self.acknowledged[external] = response.json()["id"]
                elif response.status_code == 409 and response.json().get("code") == "email_taken":
                    self.failed.add(external)
                else:
                    self.unexpected.append((response.status_code, response.text))

    def counts(self):
        with self.lock:
            return len(self.acknowledged), len(self.failed)


def metric(base, name):
    text = requests.get(base + "/metrics", timeout=10).text
    return float(re.search(rf"^{name} (\S+)$", text, re.MULTILINE).group(1))


def test_sigkill_under_full_durability_keeps_every_acknowledged_write_and_no_failed_one(binary, tmp_path):
    server = Server(binary, tmp_path, {"OPERATOR_API_DURABILITY": "full"})
    try:
        assert '"durability":"full"' in server.logs()
        operator = seed_operator(server.base, QUOTAS)
        api = API(server.base, operator["keys"]["live"])
        plan = api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"]
        taken = api.ok("POST", "/v1/wl/users", dict(new_user(plan), email=f"{unique('taken')}@example.com"))["email"]

        writes, commits = metric(server.base, "storage_writes_total"), metric(server.base, "storage_commits_total")
        load = CreateLoad(server.base, operator["keys"]["live"], plan, taken)
        for thread in load.threads:
            thread.start()
        wait_for(lambda: (lambda a, f: a >= 300 and f >= 30)(*load.counts()), 120, message="acknowledged and failed creations")
        grouped = (metric(server.base, "storage_writes_total") - writes) / (metric(server.base, "storage_commits_total") - commits)
        server.kill()  # mid-load: requests are in flight, some groups are being written
        load.stop.set()
        for thread in load.threads:
            thread.join(timeout=30)
        assert not load.unexpected, load.unexpected[:3]
        assert grouped > 1.5, f"writes per commit {grouped:.2f}: group commit was not at work"

        server.start()
        users = {u.get("external_id"): u["id"] for u in all_pages(api, "/v1/wl/users")}
        missing = {k: v for k, v in load.acknowledged.items() if users.get(k) != v}
        assert not missing, f"{len(missing)} acknowledged users lost or changed, e.g. {list(missing.items())[:3]}"
        assert not load.failed & users.keys(), "a failed creation left a user"

        events = json.dumps([e for e in all_pages(api, "/v1/wl/events") if e["type"] == "user.created"])
        assert all(user_id in events for user_id in load.acknowledged.values()), "an acknowledged user lost its event"
        assert not any(f'"{external}"' in events for external in load.failed), "a failed creation left an event"
        print(f"\ngroup commit crash: {len(load.acknowledged)} acknowledged, {len(load.failed)} failed in groups, "
              f"{grouped:.1f} writes per commit before the kill")
    finally:
        server.stop()
