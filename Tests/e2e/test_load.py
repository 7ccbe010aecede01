"""Load: wrk with 1,000 connections on mixed operator reads while webhook deliveries flow.

`GET /v1/wl/me` and `GET /v1/wl/users` alternate (Tests/e2e/wrk/mixed_reads.lua) for 10 s (60 s with LONG=1), with
the operator's quotas raised first. Meanwhile a thread creates users (each a `user.created` delivery to a local
receiver) and another polls `/healthz` and the server's VmRSS. Passing means: no answer but 2xx or 429 and no socket
error, every health poll 200, RSS under 256 MiB, and the deliveries made during the run all arrive. p99 is printed.
"""
import json
import pathlib
import shutil
import subprocess
import threading

import pytest
import requests

from conftest import Server
from support import LONG, API, Receiver, new_user, seed_operator, unique, wait_for

SCRIPT = pathlib.Path(__file__).with_name("wrk") / "mixed_reads.lua"
DURATION = 60 if LONG else 10
CONNECTIONS = 1000
RSS_LIMIT_KIB = 256 * 1024
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}


def rss_kib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


class Background:
    """Runs `step` every `every` seconds on a thread until stopped; `step` failures are kept for the test."""

    def __init__(self, step, every):
        self.stop, self.errors = threading.Event(), []

        def run():
            while not self.stop.wait(every):
                try:
                    step()
                except Exception as error:
                    self.errors.append(repr(error))
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def finish(self):
        self.stop.set()
        self.thread.join(timeout=30)
        return self.errors


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (.ci/run installs it)")
def test_thousand_connections_of_mixed_reads_while_deliveries_flow(binary, tmp_path):
    # wrk, the prober and the writer all connect from 127.0.0.1: lift the per-address cap (default 256) above them.
    server = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1",
                                       "OPERATOR_API_MAX_CONNECTIONS_PER_ADDRESS": str(CONNECTIONS + 64)})
    receiver = Receiver()
    try:
        operator = seed_operator(server.base, QUOTAS)
        key = operator["keys"]["test"]
        api = API(server.base, key)
        receiver.secret = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": ["user.created"]})["secret"]
        plan = api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"]
        created, health, rss = [], [], []
        writer = Background(lambda: created.append(api.ok("POST", "/v1/wl/users", new_user(plan))["id"]), every=0.05)

        def probe():
            health.append(requests.get(server.base + "/healthz", timeout=5).status_code)
            rss.append(rss_kib(server.process.pid))
        prober = Background(probe, every=0.25)

        result = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s", "-s", str(SCRIPT), server.base],
                                env={"TOKEN": key, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=DURATION + 60)
        writer_errors, prober_errors = writer.finish(), prober.finish()
        assert result.returncode == 0, result.stderr
        figures = json.loads(result.stdout.split("WRK ", 1)[1])

        assert figures["errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}, figures
        assert set(figures["statuses"]) <= {"200", "429"}, figures
        assert figures["statuses"].get("200", 0) > 0
        assert not prober_errors and health and set(health) == {200}, (prober_errors, health)
        assert not writer_errors and created, writer_errors
        assert max(rss) < RSS_LIMIT_KIB, f"peak VmRSS {max(rss)} KiB"
        wait_for(lambda: receiver.count() >= len(created), 60, interval=0.2, message="the run's deliveries at the receiver")
        assert receiver.bad_signatures == 0
        print(f"\nload: {figures['requests']} requests in {DURATION} s over {CONNECTIONS} connections "
              f"({figures['requests'] / DURATION:.0f}/s), statuses {figures['statuses']}, p50 {figures['p50_ms']:.1f} ms, "
              f"p99 {figures['p99_ms']:.1f} ms, max {figures['max_ms']:.1f} ms; peak VmRSS {max(rss) / 1024:.1f} MiB; "
              f"{len(health)} health polls all 200; {len(created)} users created, {receiver.count()} deliveries received")
    finally:
        server.stop()
        receiver.close()
