"""Receiver faults: each way a webhook receiver can misbehave ends the delivery in its documented state.

One server (test mode, private targets allowed, retries after 100 ms / 500 ms / 2.5 s, 1 s per-attempt timeout);
one endpoint per fault, each fed a test event. Every delivery must end in the documented status with the documented
number of attempts and error class; afterwards the endpoint is pointed at a healthy receiver and the delivery replayed:
it arrives with the same `webhook-id` and a signature `standardwebhooks` accepts.
"""
import threading

import pytest

from conftest import BINARY, Server
from support import (API, Receiver, hang_until, reset_connection, seed_operator, self_signed_certificate, slow_body,
                     wait_for_delivery)

TIMEOUT_MS = 1000  # generous enough for a healthy local receiver on a loaded machine
RELEASED = threading.Event()  # lets hanging receivers go at the end of the module


def always(status, headers=None):
    return lambda n, h: h.answer(status, headers)


def first_then_ok(count, status, headers):
    return lambda n, h: h.answer(status, headers) if n <= count else h.answer(200)


# fault → (receiver behaviour, final status, attempts, error class of the failed attempts)
FAULTS = {
    "500 always": (always(500), "failed", 4, "http"),
    "429 with Retry-After": (first_then_ok(2, 429, {"Retry-After": "1"}), "delivered_after_retry", 3, "http"),
    "410 gone": (always(410), "failed", 1, "http"),
    "hangs past the timeout": (hang_until(RELEASED), "failed", 4, "timeout"),
    "resets the connection": (lambda n, h: reset_connection(h), "failed", 4, "connect"),
    "slow body": (lambda n, h: slow_body(h), "failed", 4, "timeout"),
    "untrusted certificate": (always(200), "failed", 4, "tls"),
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    server = Server(str(BINARY), folder, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": "100",
                                          "OPERATOR_API_WEBHOOK_TIMEOUT_MS": str(TIMEOUT_MS)})
    operator = seed_operator(server.base, {"webhook_subscriptions": 100})
    yield server, API(server.base, operator["keys"]["test"]), self_signed_certificate(folder)
    RELEASED.set()
    server.stop()


def seconds(timestamp):
    from datetime import datetime
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp() if isinstance(timestamp, str) else timestamp


@pytest.mark.parametrize("fault", FAULTS)
def test_fault_ends_in_documented_state_and_replay_delivers(setup, fault):
    server, api, certificate = setup
    behaviour, status, attempts, error_class = FAULTS[fault]
    faulty = Receiver(behaviour=behaviour, tls=certificate if fault == "untrusted certificate" else None)
    endpoint = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": faulty.url, "events": ["user.created"]})
    sent = api.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/test", {"type": "user.created"})

    done = wait_for_delivery(api, sent["id"])
    assert done["status"] == status, done
    assert len(done["attempts"]) == attempts and done["retries"] == attempts - 1, done
    failed = [a for a in done["attempts"] if a.get("error_class")]
    assert failed and {a["error_class"] for a in failed} == {error_class}, done["attempts"]
    for attempt in failed:
        assert attempt["latency_ms"] < TIMEOUT_MS + 1500, attempt  # no attempt outlives its timeout by much
    if fault == "410 gone":
        gone = api.ok("GET", f"/v1/wl/webhook-endpoints/{endpoint['id']}")
        assert gone["enabled"] is False and gone["disabled_reason"] == "gone"
    if fault == "429 with Retry-After":
        # Retry-After: 1 s is honoured as given (up to an hour), not the 100 ms / 500 ms schedule.
        starts = [seconds(a["started_at"]) for a in done["attempts"]]
        assert starts[1] - starts[0] >= 0.9 and starts[2] - starts[1] >= 0.9, starts
    if fault != "untrusted certificate":
        assert faulty.ids() == {sent["event_id"]}  # every attempt carried the same webhook-id

    healthy = Receiver(secret=endpoint["secret"])
    api.ok("PATCH", f"/v1/wl/webhook-endpoints/{endpoint['id']}", {"url": healthy.url, "enabled": True})
    replay = api.ok("POST", f"/v1/wl/webhook-deliveries/{sent['id']}/replay")
    replayed = wait_for_delivery(api, replay["id"])
    assert replayed["status"] == "delivered" and replayed["replay_of"] == sent["id"], replayed
    assert [r["id"] for r in healthy.received] == [sent["event_id"]]
    assert healthy.bad_signatures == 0 and healthy.received[0]["verified"]
    faulty.close()
    healthy.close()
