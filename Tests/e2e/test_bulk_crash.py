"""Bulk user creation is idempotent across a crash: three clients send the same `POST /v1/wl/users/bulk` (20 rows)
with the same `Idempotency-Key` while the server is SIGKILLed in the middle of the rows, restarted, and retried
into (connection errors, 409 in progress and 5xx are retried, as a client would).

Every cycle, once every client has its answer: the three answers are byte for byte the same (the first complete
answer, replayed), every row is 201 (none refused as `email_taken` for a user the request's own first run made),
and each row's id is the one user with that email.
"""
import random
import threading
import time

import requests

from conftest import Server
from support import LONG, API, seed_operator, unique, wait_for

CYCLES = 30 if LONG else 12
ROWS = 20
CLIENTS = 3
QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}


def until_answered(send, timeout=90):
    """The first answer that is not a connection error, a 409 (the key still in progress) or a 5xx."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            response = send()
            if response.status_code != 409 and response.status_code < 500:
                return response
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise AssertionError("the server never answered")


def test_a_bulk_retried_through_kill_9_gets_its_first_complete_answer(binary, tmp_path):
    server = Server(binary, tmp_path)
    try:
        operator = seed_operator(server.base, QUOTAS)
        key = operator["keys"]["test"]
        api = API(server.base, key)
        plan = api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"]
        for cycle in range(CYCLES):
            emails = [f"{unique('bulk')}@example.com" for _ in range(ROWS)]
            body = {"users": [{"email": e, "phone": "+919800000001", "plan_id": plan} for e in emails]}
            headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": unique("bulk-key-")}
            answers = [None] * CLIENTS

            def client(i):
                answers[i] = until_answered(lambda: requests.post(server.base + "/v1/wl/users/bulk", json=body, headers=headers, timeout=10))

            threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
            for thread in threads:
                thread.start()
            # Kill once the first rows exist and before the last does: in the middle of the request.
            first = random.randrange(1, ROWS // 2)
            wait_for(lambda: _exists(server, key, emails[first]), 30, interval=0.005, message=f"row {first} of cycle {cycle}")
            server.kill()
            server.start()
            for thread in threads:
                thread.join(120)

            bodies = {a.content for a in answers}
            assert all(a.status_code == 200 for a in answers), [a.text[:300] for a in answers]
            assert len(bodies) == 1, f"cycle {cycle}: the clients got different answers"
            rows = answers[0].json()["data"]
            assert [r["status"] for r in rows] == [201] * ROWS, f"cycle {cycle}: {[r.get('error', {}).get('code') for r in rows]}"
            for email, row in zip(emails, rows):
                stored = api.ok("GET", f"/v1/wl/users?email={email}")["data"]
                assert [u["id"] for u in stored] == [row["user"]["id"]], f"cycle {cycle}: {email}"
                assert "token=lt_" in row["user"]["login_url"]
    finally:
        server.stop()


def _exists(server, key, email):
    """Whether a user with `email` exists (False while the server is down)."""
    try:
        response = requests.get(f"{server.base}/v1/wl/users?email={email}", headers={"Authorization": f"Bearer {key}"}, timeout=5)
        return response.status_code == 200 and bool(response.json()["data"])
    except requests.RequestException:
        return False
