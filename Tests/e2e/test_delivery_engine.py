"""The delivery engine against the real binary: one tenant's hanging endpoint does not hold up another's deliveries,
events about one subject arrive in commit order while other subjects go on, an open circuit and a disabled endpoint
are visible (API and /metrics), a disabled one is announced (`webhook_endpoint.disabled`, an inbox item, a WhatsApp
alert), enabling turns an endpoint back on, and a recovery sends a time range again as a job with progress.

Every wait is bounded polling of the server's or a receiver's progress; what a test proves is an order of events
(B delivered while A's backlog was still untouched), never a duration.
"""
import json
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest

from conftest import Server
from support import API, Receiver, client_session, hang_until, seed_operator, seed_users, wait_for, wait_for_delivery

QUOTAS = {"user_creations_per_hour": 100_000, "requests_per_minute": 100_000, "webhook_subscriptions": 100}


@pytest.fixture
def start_server(binary, tmp_path):
    """Starts the server: private targets allowed, 1 s per attempt, retries after `retry_base_ms` and ×5 each time;
    `environment` adds variables."""
    servers = []

    def start(retry_base_ms=100, **environment):
        servers.append(Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_WEBHOOK_TIMEOUT_MS": "1000",
                                                 "OPERATOR_API_WEBHOOK_RETRY_BASE_MS": str(retry_base_ms), **environment}))
        return servers[-1].base
    yield start
    for server in servers:
        server.stop()


def live(base):
    operator = seed_operator(base, QUOTAS)
    return operator, API(base, operator["keys"]["live"])


def payload(record):
    return json.loads(record["body"])


def subject(event):
    """The client a user or broker event is about."""
    data = event["data"]
    return data.get("user_id") or data.get("user", {}).get("id")


def deliveries(api, **query):
    path = "/v1/wl/webhook-deliveries?limit=100" + "".join(f"&{k}={v}" for k, v in query.items())
    return api.ok("GET", path)["data"]


def endpoint_in_state(api, endpoint_id, state, timeout=15):
    """The endpoint once it shows `state`."""
    return wait_for(lambda: (e := api.ok("GET", f"/v1/wl/webhook-endpoints/{endpoint_id}"))["state"] == state and e, timeout,
                    message=f"the endpoint {state}")


def metric(base, name, state):
    text = API(base).call("GET", "/metrics").text
    match = re.search(rf'{name}\{{state="{state}"\}} (\d+)', text)
    return int(match.group(1)) if match else None


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_tenants_hanging_endpoint_does_not_hold_up_another_tenants_delivery(start_server):
    base = start_server(retry_base_ms=60_000)
    released = threading.Event()
    _, a = live(base)
    _, b = live(base)
    hanging = Receiver(behaviour=hang_until(released))
    healthy = Receiver()
    try:
        a.ok("POST", "/v1/wl/webhook-endpoints", {"url": hanging.url, "events": ["user.created"]})
        b.ok("POST", "/v1/wl/webhook-endpoints", {"url": healthy.url, "events": ["user.created"]})
        backlog = 60  # one lane each; at 8 at a time and 1 s per timeout, A needs several seconds to try them all
        seed_users(a, backlog)
        wait_for(lambda: hanging.count() > 0, 10, message="A's endpoint busy")

        b_user = seed_users(b, 1)[0]
        arrived = wait_for(lambda: healthy.received, 20, message="B's event at B's receiver")
        tried_by_a = hanging.count()

        assert subject(payload(arrived[0])) == b_user["id"]
        assert tried_by_a < backlog, "B's delivery went only after A's whole backlog had been tried"
        untried = [d for d in deliveries(a, status="pending") if d["retries"] == 0 and d.get("last_status_code") is None]
        assert untried, "A still had deliveries waiting when B's arrived"
    finally:
        released.set()
        hanging.close()
        healthy.close()


def test_events_about_one_client_arrive_in_commit_order_while_other_clients_go_on(start_server):
    base = start_server(retry_base_ms=1000)
    _, api = live(base)
    released, first_client = threading.Event(), {}

    def behaviour(n, handler):
        event = payload(receiver.received[n - 1])
        if event["type"] == "user.created" and subject(event) == first_client.get("id") and not released.is_set():
            return handler.answer(500)
        handler.answer(204)

    receiver = Receiver(behaviour=behaviour)
    try:
        endpoint = api.ok("POST", "/v1/wl/webhook-endpoints",
                          {"url": receiver.url, "events": ["user.created", "user.broker_connected"]})
        plan = api.ok("POST", "/v1/wl/plans", {"name": "Order plan"})
        created = api.ok("POST", "/v1/wl/users", {"email": "first@example.com", "phone": "+919811100001", "plan_id": plan["id"]})
        first_client["id"] = created["id"]
        wait_for(lambda: receiver.count() >= 1, 10, message="the first client's user.created tried")
        held = wait_for(lambda: [d for d in deliveries(api, event_type="user.created") if d["status"] == "retrying"], 10,
                        message="the first client's user.created retrying")[0]

        session = API(base, client_session(base, created))
        session.ok("POST", "/v1/client/broker", {"broker": "zerodha", "client_code": "AB1234"})
        waiting = wait_for(lambda: deliveries(api, event_type="user.broker_connected"), 10, message="the broker delivery")[0]
        assert waiting["status"] == "pending" and waiting["next_attempt_reason"] == "ordered", waiting
        assert waiting["blocked_by"] == held["id"], waiting

        other = api.ok("POST", "/v1/wl/users", {"email": "second@example.com", "phone": "+919811100002", "plan_id": plan["id"]})
        wait_for(lambda: any(subject(payload(r)) == other["id"] for r in receiver.received), 10,
                 message="another client's event, not held up")
        assert api.ok("GET", f"/v1/wl/webhook-deliveries/{held['id']}")["status"] == "retrying"
        assert api.ok("GET", f"/v1/wl/webhook-deliveries/{waiting['id']}")["status"] == "pending"

        released.set()
        wait_for_delivery(api, waiting["id"], timeout=30)
        first = [payload(r) for r in receiver.received if subject(payload(r)) == created["id"]]
        types = [e["type"] for e in first]
        assert types[-1] == "user.broker_connected" and set(types[:-1]) == {"user.created"} and len(types) >= 3, types
        sequences = {e["type"]: e["sequence"] for e in first}
        assert sequences["user.created"] < sequences["user.broker_connected"]
        later = next(payload(r) for r in receiver.received if subject(payload(r)) == other["id"])
        assert later["sequence"] > sequences["user.broker_connected"], "sequence follows commit order"
        assert api.ok("GET", f"/v1/wl/webhook-endpoints/{endpoint['id']}")["state"] == "enabled"
    finally:
        released.set()
        receiver.close()


def test_an_open_circuit_is_visible_and_a_new_url_takes_the_backlog(start_server):
    base = start_server()
    _, api = live(base)
    failing, healthy = Receiver(behaviour=lambda n, h: h.answer(500)), Receiver()
    try:
        endpoint = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": failing.url, "events": ["user.created"]})
        users = seed_users(api, 3)
        opened = endpoint_in_state(api, endpoint["id"], "circuit_open")
        assert opened["retry_at"] and opened["enabled"] is True
        assert metric(base, "webhook_endpoints", "circuit_open") == 1
        waiting = [d for d in deliveries(api, endpoint_id=endpoint["id"]) if d["status"] in ("pending", "retrying")]
        assert waiting and all(d["next_attempt_reason"] == "circuit_open" for d in waiting), waiting

        moved = api.ok("PATCH", f"/v1/wl/webhook-endpoints/{endpoint['id']}", {"url": healthy.url})
        assert moved["state"] == "enabled" and moved.get("retry_at") is None
        wait_for(lambda: {subject(payload(r)) for r in healthy.received} >= {u["id"] for u in users}, 20,
                 message="the backlog at the new URL")
        assert metric(base, "webhook_endpoints", "circuit_open") == 0
    finally:
        failing.close()
        healthy.close()


def test_a_410_disables_the_endpoint_tells_the_operator_and_enable_turns_it_back_on(start_server):
    whatsapp = Receiver(behaviour=lambda n, h: h.answer(200, {"Content-Type": "application/json"}, b'{"messages":[{"id":"wamid.1"}]}'))
    base = start_server(OPERATOR_API_WHATSAPP_URL=whatsapp.url, OPERATOR_API_WHATSAPP_TOKEN="whatsapp-token-for-tests",
                        OPERATOR_API_WHATSAPP_PHONE_NUMBER_ID="1098765")
    _, api = live(base)
    api.ok("PATCH", "/v1/wl/wallet", {"alert_whatsapp_number": "+919876543210"})
    gone = threading.Event()
    gone.set()
    target = Receiver(behaviour=lambda n, h: h.answer(410 if gone.is_set() else 204))
    watcher = Receiver()
    try:
        endpoint = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": target.url, "events": ["user.created"]})
        api.ok("POST", "/v1/wl/webhook-endpoints", {"url": watcher.url, "events": ["webhook_endpoint.disabled"]})
        seed_users(api, 1)

        disabled = endpoint_in_state(api, endpoint["id"], "disabled")
        assert disabled["disabled_reason"] == "gone" and disabled["enabled"] is False
        event = payload(wait_for(lambda: watcher.received, 15, message="webhook_endpoint.disabled at the other endpoint")[0])
        assert event["type"] == "webhook_endpoint.disabled"
        assert event["data"]["endpoint_id"] == endpoint["id"] and event["data"]["reason"] == "gone"
        assert target.count() == 1, "the disabled endpoint is not told through itself, and gets nothing more"
        inbox = wait_for(lambda: [i for i in api.ok("GET", "/v1/wl/inbox")["data"] if i["type"] == "webhook_endpoint.disabled"], 15,
                         message="the inbox item")
        assert target.url in json.dumps(inbox[0])
        message = payload(wait_for(lambda: whatsapp.received, 20, message="the WhatsApp alert")[0])
        assert message["to"] == "919876543210" and message["template"]["name"] == "webhook_endpoint_disabled", message
        assert metric(base, "webhook_endpoints", "disabled") == 1

        refused = api.call("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/recover",
                           {"since": iso(datetime.now(timezone.utc) - timedelta(hours=1)), "until": iso(datetime.now(timezone.utc))})
        assert refused.status_code == 409 and refused.headers["Content-Type"].startswith("application/problem+json"), refused.text

        gone.clear()
        enabled = api.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/enable")
        assert enabled["state"] == "enabled" and enabled.get("disabled_reason") is None
        user = seed_users(api, 1)[0]
        wait_for(lambda: any(subject(payload(r)) == user["id"] for r in target.received), 15, message="a delivery after enabling")
        assert metric(base, "webhook_endpoints", "disabled") == 0
    finally:
        target.close()
        watcher.close()
        whatsapp.close()


def test_a_recovery_counts_then_sends_the_range_again_with_the_same_ids_and_sequences(start_server):
    base = start_server()
    _, api = live(base)
    receiver = Receiver()
    try:
        since = datetime.now(timezone.utc) - timedelta(minutes=1)
        endpoint = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": ["user.created"]})
        seed_users(api, 3)
        wait_for(lambda: receiver.count() == 3, 15, message="the first deliveries")
        first = {payload(r)["id"]: payload(r)["sequence"] for r in receiver.received}
        until = datetime.now(timezone.utc) + timedelta(seconds=1)
        path = f"/v1/wl/webhook-endpoints/{endpoint['id']}/recover"

        preview = api.ok("POST", path, {"since": iso(since), "until": iso(until), "dry_run": True})
        assert preview["total"] == 3 and preview["dry_run"] is True
        assert receiver.count() == 3, "a dry run sends nothing"

        response = api.call("POST", path, {"since": iso(since), "until": iso(until)})
        assert response.status_code == 202, response.text
        job = response.json()
        done = wait_for(lambda: (r := api.ok("GET", f"/v1/wl/webhook-recoveries/{job['id']}"))["status"] == "completed" and r, 20,
                        message="the recovery completed")
        assert done["total"] == 3 and done["delivered"] == 3 and done["failed"] == 0
        again = [payload(r) for r in receiver.received[3:]]
        assert {e["id"]: e["sequence"] for e in again} == first, "the same webhook ids and sequences, to dedupe on"

        older = api.ok("POST", path, {"since": iso(since - timedelta(days=40)), "until": iso(since), "dry_run": True})
        cut = datetime.fromisoformat(older["since"].replace("Z", "+00:00"))
        assert older["total"] == 0 and cut > since - timedelta(days=30, minutes=5), "the range is cut to the last 30 days"
    finally:
        receiver.close()
