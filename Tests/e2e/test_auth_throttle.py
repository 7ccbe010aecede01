"""The failed-authentication throttle (issue 15, findings 5 and 6), the red team's reproductions against the real binary.

Before the fix, about 20 bad tokens from one address got the valid admin token and a valid operator key 429 from
that address; behind a reverse proxy every client shares the proxy's address, so one attacker locked out everyone.
Two `Authorization` headers were accepted (the first won). Now the throttle refuses failures only, `--trusted-proxies`
lets each client behind a proxy count on its own (and the access log names it), and a second `Authorization` is a 400.
"""
import http.client
import json
import os
import subprocess
import time

import pytest

from conftest import Server
from support import ADMIN_TOKEN, API, seed_operator

BAD = "tt_wl_nobody_live_" + "x" * 40


def fail_until_throttled(api, limit=40, headers=None):
    """Bad tokens until the address is refused; returns the refusal."""
    for _ in range(limit):
        response = api.as_(BAD).call("GET", "/v1/wl/me", headers=headers)
        if response.status_code == 429:
            return response
        assert response.status_code == 401, response.text
    raise AssertionError(f"not throttled after {limit} failures")


def test_a_throttled_address_still_gets_in_with_a_valid_credential(server):
    operator = seed_operator(server.base)
    api = API(server.base)
    refused = fail_until_throttled(api)
    assert api.as_(ADMIN_TOKEN).call("GET", "/v1/admin/operators").status_code == 200
    assert api.as_(operator["keys"]["live"]).call("GET", "/v1/wl/me").status_code == 200
    assert refused.json()["violated_policies"] == ["auth-failures"]
    assert refused.headers["RateLimit-Policy"] == '"auth-failures";q=20;w=60'

    wait = int(refused.headers["Retry-After"])
    assert wait == 3, "20 failures a minute: the address is heard again every 3 s"
    time.sleep(wait)
    assert api.as_(BAD).call("GET", "/v1/wl/me").status_code == 401, "after Retry-After the address is heard again"


@pytest.fixture
def proxied_server(binary, tmp_path):
    s = Server(binary, tmp_path, {"OPERATOR_API_TRUSTED_PROXIES": "127.0.0.1/32, 10.0.0.0/8"})
    yield s
    s.stop()


def test_behind_a_trusted_proxy_one_attacker_locks_out_no_one_else(proxied_server):
    api = API(proxied_server.base)
    attacker, neighbour = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "203.0.113.5, 198.51.100.8"}
    fail_until_throttled(api, headers=attacker)
    assert api.as_(BAD).call("GET", "/v1/wl/me", headers=neighbour).status_code == 401, "the neighbour is not throttled"
    lines = [json.loads(line) for line in proxied_server.logs().splitlines() if line.startswith("{")]
    clients = {line.get("client") for line in lines if line.get("message") == "request"}
    assert {"198.51.100.7", "198.51.100.8"} <= clients, "the access log names the forwarded client"
    assert "203.0.113.5" not in clients, "what the client wrote left of its own address is not believed"


def test_two_authorization_headers_are_refused(server):
    operator = seed_operator(server.base)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("GET", "/v1/wl/me")
    connection.putheader("Authorization", f"Bearer {operator['keys']['live']}")
    connection.putheader("Authorization", f"Bearer {BAD}")
    connection.endheaders()
    response = connection.getresponse()
    body = json.loads(response.read())
    assert (response.status, body["code"]) == (400, "duplicate_authorization"), body
    connection.close()


@pytest.mark.parametrize("value", ["nonsense", "10.0.0.0/33", "10.0.0.1,,10.0.0.2"])
def test_a_bad_trusted_proxies_value_exits_2(binary, tmp_path, value):
    env = dict(os.environ, OPERATOR_API_DB=str(tmp_path / "db.sqlite"), OPERATOR_API_TRUSTED_PROXIES=value)
    result = subprocess.run([binary, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--trusted-proxies" in result.stderr, result.stderr
