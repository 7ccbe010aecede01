"""The isolation matrix: every operator, client and admin operation of `/v1/openapi.json`, called with every
credential that must not reach operator A's live data, answers the documented 401 or 404 (never 200 with A's data,
never 403 for a cross-tenant id, never 5xx). Path ids are A-live's real ids, so a cross-tenant read is a real one."""
import re

import pytest

from support import ADMIN_TOKEN, API, client_session, minimal_body, operations, seed_operator, seed_users, wait_for

QUOTAS = {"requests_per_minute": 100_000_000, "requests_per_day": 100_000_000, "user_creations_per_hour": 100_000_000}
TEMPLATE = "---\nname: Isolation probe\ninstruments: [NIFTY]\nmax_open_positions: 1\n---\nProbe."
UNKNOWN_ID = "zz_isolation_unknown"
RECOVERY_RANGE = {"since": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z"}


@pytest.fixture
def isolation_server(binary, tmp_path):
    from conftest import Server
    s = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "OPERATOR_API_AUTH_FAILURES_PER_ADDRESS": "100000000"})
    yield s
    s.stop()


def seed_tenant_a(base):
    """Operator A with a plan, a user and its client session, a webhook endpoint, a delivery, a recovery and a pushed
    strategy, all in live mode. Returns the operator and the real id behind each path's `{id}` (by the segment before it)."""
    operator = seed_operator(base, QUOTAS)
    live = API(base, operator["keys"]["live"])
    plan = live.ok("POST", "/v1/wl/plans", {"name": "Isolation plan"})
    user = seed_users(live, 1, plan["id"])[0]
    session = client_session(base, user)
    endpoint = live.ok("POST", "/v1/wl/webhook-endpoints", {"url": "http://127.0.0.1:9/hooks", "events": ["user.created"]})
    delivery = live.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/test", {"type": "user.created"})
    recovery = live.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/recover", RECOVERY_RANGE)
    push = live.ok("POST", "/v1/wl/strategies/push", {"target": {"user_id": user["id"]}, "template": TEMPLATE})
    strategies = wait_for(lambda: API(base, session).ok("GET", "/v1/client/strategies")["data"], 10, message="the pushed strategy")
    events = live.ok("GET", "/v1/wl/events")["data"]
    inbox = live.ok("GET", "/v1/wl/inbox")["data"]
    ids = {
        "operators": operator["id"], "users": user["id"], "webhook-endpoints": endpoint["id"],
        "webhook-deliveries": delivery["id"], "webhook-recoveries": recovery["id"], "strategy-pushes": push["id"],
        "strategies": strategies[0]["id"],
        "events": events[0]["id"] if events else UNKNOWN_ID, "inbox": inbox[0]["id"] if inbox else UNKNOWN_ID,
    }
    return operator, plan, user, session, ids


def expired_key(base):
    """A throwaway operator's live key, retired at once by a rotation."""
    old = seed_operator(base)["keys"]["live"]
    API(base, old).ok("POST", "/v1/wl/api-keys/rotate", {"expire_old_in_seconds": 0})
    return old


def fill_path(template, ids):
    """The path with each `{id}` replaced by A-live's id for the resource named just before it."""
    return re.sub(r"([^/]+)/\{id\}", lambda m: f"{m.group(1)}/{ids.get(m.group(1), UNKNOWN_ID)}", template)


def test_no_credential_reaches_another_tenants_data(isolation_server):
    base = isolation_server.base
    document = API(base).ok("GET", "/v1/openapi.json")
    a, plan, user, a_session, ids = seed_tenant_a(base)
    b = seed_operator(base, QUOTAS)
    b_session = client_session(base, seed_users(API(base, b["keys"]["live"]), 1)[0])
    a_secrets = {a["keys"]["live"], a["keys"]["test"], a_session, *ids.values()} - {UNKNOWN_ID}
    body_values = {"plan_id": plan["id"], "user_id": user["id"], "template": TEMPLATE, "url": "http://127.0.0.1:9/hooks",
                   "email": "isolation@example.com", "phone": "+919800000001", "password": "isolation-password",
                   "client_code": "AB1234", "expire_old_in_seconds": 3600, "reference": "pay_isolation", **RECOVERY_RANGE}

    unauthenticated = [("no credential", None), ("an expired key", expired_key(base))]
    foreign = {  # security scheme → credentials that are valid but belong elsewhere (and what they may see): 404 for A's ids
        "operatorKey": [("B's live key", b["keys"]["live"], set()), ("B's test key", b["keys"]["test"], set()),
                        ("A's test key", a["keys"]["test"], {a["id"]})],
        "clientSession": [("B's client session", b_session, set())],
        "adminToken": [],
    }
    wrong_kind = {  # security scheme → credentials of another kind: 401
        "operatorKey": [("A's client session", a_session), ("the admin token", ADMIN_TOKEN)],
        "clientSession": [("A's live key", a["keys"]["live"]), ("the admin token", ADMIN_TOKEN)],
        "adminToken": [("A's live key", a["keys"]["live"]), ("A's client session", a_session)],
    }

    failures, calls = [], 0
    # Key rotations go last: they change the caller's own key.
    matrix = sorted(operations(document, r"^/v1/(wl|client|admin)/"), key=lambda op: op[2]["operationId"] == "rotateAPIKey")
    for method, template, operation in matrix:
        schemes = [name for requirement in operation.get("security", []) for name in requirement]
        if not schemes:
            continue  # public: sign-up and login
        path, has_id = fill_path(template, ids), "{id}" in template
        schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        body = minimal_body(document, schema, body_values) if schema else None
        cases = [(label, token, {401}, set()) for label, token in unauthenticated]
        for scheme in schemes:
            cases += [(label, token, {401}, set()) for label, token in wrong_kind[scheme]]
            cases += [(label, token, {404} if has_id else None, visible) for label, token, visible in foreign[scheme]]
        for label, token, expected, visible in cases:
            calls += 1
            response = API(base, token).call(method, path, body)
            status, text = response.status_code, response.text
            leaked = sorted(s for s in a_secrets - visible if s in text and s not in str(body)) if status < 300 else []
            # A live key on a test-mode-only operation (the sandbox's test clock) gets 403 test_mode_only, as documented:
            # a refusal of the mode, carrying no data.
            test_mode_only = status == 403 and "live key" in label and '"code":"test_mode_only"' in text
            if test_mode_only:
                expected = None
            if (expected and status not in expected) or status >= 500 or (status == 403 and not test_mode_only) or leaked:
                failures.append(f"{method} {path} with {label}: {status} (expected {expected or 'no leak'}) "
                                f"leaked={leaked} {text[:200]}")

    # The control: A-live's own key still reads every id above, so each 404 was isolation, not a wrong id.
    live = API(base, a["keys"]["live"])
    for method, template, _ in operations(document, r"^/v1/wl/.*\{id\}$"):
        if method == "GET" and UNKNOWN_ID not in fill_path(template, ids):
            assert live.call("GET", fill_path(template, ids)).status_code == 200, f"A-live cannot read {template}"
    assert calls > 250 and not failures, f"{len(failures)} of {calls} calls broke isolation:\n" + "\n".join(failures)
